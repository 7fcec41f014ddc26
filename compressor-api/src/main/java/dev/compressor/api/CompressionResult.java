package dev.compressor.api;

import dev.compressor.api.artifact.ArtifactException;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.Provenance;
import dev.compressor.api.internal.NetworkIO;
import dev.compressor.api.tensor.TensorInfo;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The outcome of a compression: a runnable network (weights as the artifact decodes them), the
 * {@link CompressedModel} artifact, and the {@link CompressionReport}. Thread-safe; the network is
 * built lazily on first use.
 */
public final class CompressionResult {

    private final float[] decoded;
    private Model network;
    private final CompressedModel artifact;
    private final CompressionReport report;
    private final CompressionState state;

    private CompressionResult(float[] decoded, CompressedModel artifact, CompressionReport report,
            CompressionState state) {
        this.decoded = decoded;
        this.artifact = artifact;
        this.report = report;
        this.state = state;
    }

    /**
     * Encodes a final state into an artifact, decodes it back into a runnable network (so that
     * network and artifact agree by construction) and measures the error against the originals.
     *
     * @param state the state after compression
     * @param settings the compressor's description
     * @param startedNanos nanoseconds already spent compressing
     * @return the result
     * @throws IllegalStateException if an encoder produced a blob that does not decode
     */
    public static CompressionResult of(CompressionState state, String settings, long startedNanos) {
        long t0 = System.nanoTime();
        List<TensorInfo> infos = new ArrayList<>();
        List<CompressedModel.EncodingRef> refs = new ArrayList<>();
        List<byte[]> blobs = new ArrayList<>();
        for (TensorState t : state.tensors()) {
            infos.add(t.info());
            refs.add(new CompressedModel.EncodingRef(t.encoder().encodingId(), t.encoder().encodingVersion(),
                    t.encoder().describe()));
            blobs.add(t.encoder().encode(t.values()));
        }
        Provenance provenance = Provenance.current(settings, state.seed(),
                Nd4j.getBackend().getClass().getSimpleName());
        CompressedModel artifact = CompressedModel.of(state.kind(), state.configJson(), state.parameterCount(),
                provenance, infos, refs, blobs);
        float[] decoded;
        try {
            decoded = artifact.decodeParameters();
        } catch (ArtifactException e) {
            throw new IllegalStateException("an encoder wrote a blob its encoding cannot decode: " + e.getMessage(), e);
        }
        List<TensorReport> reports = new ArrayList<>();
        for (int i = 0; i < infos.size(); i++) {
            TensorState t = state.tensors().get(i);
            reports.add(measure(t, decoded, blobs.get(i).length));
        }
        long nanos = startedNanos + (System.nanoTime() - t0);
        return new CompressionResult(decoded, artifact,
                new CompressionReport(settings, reports, state.originalParameterCount(), nanos), state);
    }

    private static TensorReport measure(TensorState t, float[] decoded, long bytes) {
        float[] orig = t.original().data();
        int off = (int) t.info().flatOffset();
        double signal = 0;
        double noise = 0;
        double maxErr = 0;
        long nonZeros = 0;
        for (int i = 0; i < orig.length; i++) {
            double x = orig[i];
            double y = decoded[off + i];
            double e = x - y;
            signal += x * x;
            noise += e * e;
            maxErr = Math.max(maxErr, Math.abs(e));
            if (y != 0) {
                nonZeros++;
            }
        }
        return new TensorReport(t.name(), t.info().layerName(), t.info().kind(), t.encoder().describe(),
                orig.length, nonZeros, bytes, signal, noise, maxErr);
    }

    /**
     * The runnable network, weights as the artifact decodes them. Built on first use; every call
     * returns the same network.
     *
     * @return the network
     */
    public synchronized Model network() {
        if (network == null) {
            network = NetworkIO.build(state.kind(), state.configJson(), decoded);
        }
        return network;
    }

    /** The artifact. @return the artifact */
    public CompressedModel artifact() {
        return artifact;
    }

    /** What compression did. @return the report */
    public CompressionReport report() {
        return report;
    }

    /** The final compression state (values and encoders). @return the state */
    public CompressionState state() {
        return state;
    }
}
