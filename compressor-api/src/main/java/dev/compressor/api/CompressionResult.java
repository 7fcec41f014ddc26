package dev.compressor.api;

import dev.compressor.api.artifact.ArtifactException;
import dev.compressor.api.artifact.ArtifactTensor;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.Provenance;
import dev.compressor.api.encoding.PreparedEncoding;
import dev.compressor.api.encoding.PreparedEncoding.ErrorSums;
import dev.compressor.api.encoding.TensorEncodings;
import dev.compressor.api.internal.NetworkIO;
import dev.compressor.api.tensor.TensorInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The outcome of a compression: a runnable network (weights as the artifact decodes them), the
 * {@link CompressedModel} artifact, and the {@link CompressionReport}. Thread-safe; the network and
 * the report are computed on first use, so a caller that only wants the artifact pays only for
 * encoding. The report measures each tensor on its decoded blob, except where the encoder wrote the
 * blob and measured the error in the pass that made the values (a {@link PreparedEncoding}, whose
 * blob decodes to those values bit for bit): then neither encoding nor reporting reads the tensor
 * again.
 */
public final class CompressionResult {

    /** Networks with more parameters than this encode their tensors in parallel. */
    private static final long PARALLEL_ENCODE_ABOVE = 1 << 20;

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
     * Encodes a final state into an artifact (a tensor whose encoder is a {@link PreparedEncoding}
     * holding the blob of its values is not encoded again). The runnable network and the report are
     * built later, on first use, from the artifact's decoded parameters (so that network and artifact
     * agree by construction) or from the error a {@link PreparedEncoding} measured; a blob that does
     * not decode makes them throw {@link IllegalStateException}.
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
        List<TensorState> tensors = state.tensors();
        for (TensorState t : tensors) {
            infos.add(t.info());
            refs.add(new CompressedModel.EncodingRef(t.encoder().encodingId(), t.encoder().encodingVersion(),
                    t.encoder().describe()));
        }
        // encoders are thread-safe: large networks encode their tensors in parallel, each blob in its place
        byte[][] encoded = new byte[tensors.size()][];
        IntStream all = IntStream.range(0, encoded.length);
        RuntimeException[] failed = new RuntimeException[encoded.length];
        (state.parameterCount() > PARALLEL_ENCODE_ABOVE ? all.parallel() : all).forEach(i -> {
            TensorState t = tensors.get(i);
            try {
                byte[] prepared = t.encoder() instanceof PreparedEncoding p ? p.preparedBlob(t.values()) : null;
                encoded[i] = prepared != null ? prepared : t.encoder().encode(t.values());
            } catch (RuntimeException e) {
                failed[i] = e;
            }
        });
        for (RuntimeException e : failed) {
            if (e != null) {
                throw e; // the first tensor's own exception, as a sequential loop would throw it
            }
        }
        List<byte[]> blobs = Arrays.asList(encoded);
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

    /**
     * One tensor's report: the error its encoder measured when it wrote the blob (a {@link
     * PreparedEncoding}), else measured on the decoded blob (the whole decoded vector when it exists,
     * otherwise this tensor alone).
     */
    private TensorReport measure(int index, TensorState t) {
        ErrorSums e = t.encoder() instanceof PreparedEncoding p ? p.preparedErrors(t.original(), t.values()) : null;
        if (e == null) {
            e = decodedNow() != null ? ErrorMeasure.of(t.original().data(), decodedNow(), (int) t.info().flatOffset())
                    : ErrorMeasure.of(t.original().data(), decodeOne(index), 0);
        }
        return new TensorReport(t.name(), t.info().layerName(), t.info().kind(), t.encoder().describe(),
                t.info().length(), e.nonZeros(), artifact.tensors().get(index).blobLength(), e.signalEnergy(),
                e.noiseEnergy(), e.maxAbsError());
    }

    private synchronized float[] decodedNow() {
        return decoded;
    }

    /** One tensor of the artifact, decoded into a new array. */
    private float[] decodeOne(int index) {
        ArtifactTensor t = artifact.tensors().get(index);
        float[] out = new float[t.info().length()];
        try {
            TensorEncodings.installed().decode(t.encodingId(), t.encodingVersion(), artifact.blob(index),
                    t.info().layout(), out, 0);
        } catch (dev.compressor.api.encoding.CorruptTensorException e) {
            throw new IllegalStateException("an encoder wrote a blob its encoding cannot decode: tensor '"
                    + t.info().name() + "': " + e.getMessage(), e);
        }
        return out;
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
            List<TensorReport> reports = new ArrayList<>();
            List<TensorState> ts = state.tensors();
            for (int i = 0; i < ts.size(); i++) {
                reports.add(measure(i, ts.get(i)));
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
