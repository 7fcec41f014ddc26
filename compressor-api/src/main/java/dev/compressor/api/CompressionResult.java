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
 * {@link CompressedModel} artifact, and the {@link CompressionReport}. Thread-safe; the network and
 * the report are computed from the decoded artifact on first use, so a caller that only wants the
 * artifact pays only for encoding.
 */
public final class CompressionResult {

    private final CompressedModel artifact;
    private final CompressionState state;
    private final String settings;
    private final long nanos;
    private float[] decoded;
    private Model network;
    private CompressionReport report;

    private CompressionResult(CompressedModel artifact, CompressionState state, String settings, long nanos) {
        this.artifact = artifact;
        this.state = state;
        this.settings = settings;
        this.nanos = nanos;
    }

    /**
     * Encodes a final state into an artifact. The runnable network and the report are built later,
     * on first use, from the artifact's decoded parameters (so that network and artifact agree by
     * construction); a blob that does not decode makes them throw {@link IllegalStateException}.
     *
     * @param state the state after compression
     * @param settings the compressor's description
     * @param startedNanos nanoseconds already spent compressing
     * @return the result
     * @throws IllegalArgumentException if the encoded tensors do not tile the parameter vector
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
        return new CompressionResult(artifact, state, settings, startedNanos + (System.nanoTime() - t0));
    }

    /** The artifact's parameters, decoded once on first use. */
    private synchronized float[] decoded() {
        if (decoded == null) {
            try {
                decoded = artifact.decodeParameters();
            } catch (ArtifactException e) {
                throw new IllegalStateException("an encoder wrote a blob its encoding cannot decode: "
                        + e.getMessage(), e);
            }
        }
        return decoded;
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
            network = NetworkIO.build(state.kind(), state.configJson(), decoded());
        }
        return network;
    }

    /** The artifact. @return the artifact */
    public CompressedModel artifact() {
        return artifact;
    }

    /**
     * What compression did, measured on the decoded artifact against the original values.
     * Computed on first use.
     *
     * @return the report
     */
    public synchronized CompressionReport report() {
        if (report == null) {
            float[] d = decoded();
            List<TensorReport> reports = new ArrayList<>();
            List<TensorState> ts = state.tensors();
            for (int i = 0; i < ts.size(); i++) {
                reports.add(measure(ts.get(i), d, artifact.tensors().get(i).blobLength()));
            }
            report = new CompressionReport(settings, reports, state.originalParameterCount(), nanos);
        }
        return report;
    }

    /** The final compression state (values and encoders). @return the state */
    public CompressionState state() {
        return state;
    }
}
