package dev.compressor.api.artifact;

import dev.compressor.api.encoding.TensorEncodings;
import dev.compressor.api.tensor.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A compressed network: its DL4J configuration (stock DL4J layers, unless the network had custom
 * ones), one encoded blob per parameter tensor, and a manifest (format version, encodings,
 * checksums, provenance, {@link Requirements}). Immutable and thread-safe. This class holds the
 * data and the entry points; the work is done by the package's reader, writer and restorer.
 *
 * <p>On disk: a fixed header (magic, format version, outer compression, payload lengths, CRC-32C of
 * the payload and of the header), then the payload compressed with an {@link OuterCompression}.
 * {@link #write(Path)} is atomic (temporary file, then rename). {@link #read(Path)} checks every
 * length, count and checksum before it allocates and throws {@link ArtifactException}, never a
 * partial model. The same model, settings and seed give byte-identical files.
 */
public final class CompressedModel {

    /** The format version this library writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    private final NetworkKind kind;
    private final String configJson;
    private final long parameterCount;
    private final Provenance provenance;
    private final Requirements requirements;
    private final List<ArtifactTensor> tensors;
    private final List<byte[]> blobs;

    private CompressedModel(NetworkKind kind, String configJson, long parameterCount, Provenance provenance,
            Requirements requirements, List<ArtifactTensor> tensors, List<byte[]> blobs) {
        this.kind = kind;
        this.configJson = configJson;
        this.parameterCount = parameterCount;
        this.provenance = provenance;
        this.requirements = requirements;
        this.tensors = List.copyOf(tensors);
        this.blobs = List.copyOf(blobs);
    }

    /**
     * Assembles an artifact from encoded tensors and records its {@link Requirements} (the
     * installed encodings and configuration classes it needs beyond compressor-api). Used by
     * compressors; the blobs are not copied.
     *
     * @param kind the network type
     * @param configJson the DL4J configuration as JSON
     * @param parameterCount the length of the network's flat parameter vector
     * @param provenance where it came from; no key may start with {@code "requires."}
     * @param infos the tensors, in flat-vector order
     * @param encodings for each tensor: its encoding id, version and description
     * @param blobs for each tensor: its encoded bytes
     * @return the artifact
     * @throws IllegalArgumentException if the lists differ in length, the tensors do not tile the
     *     flat vector or a provenance key is reserved
     */
    public static CompressedModel of(NetworkKind kind, String configJson, long parameterCount, Provenance provenance,
            List<TensorInfo> infos, List<EncodingRef> encodings, List<byte[]> blobs) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(configJson, "configJson");
        Objects.requireNonNull(provenance, "provenance");
        if (infos.size() != encodings.size() || infos.size() != blobs.size()) {
            throw new IllegalArgumentException("tensors, encodings and blobs differ in number: " + infos.size()
                    + ", " + encodings.size() + ", " + blobs.size());
        }
        provenance.entries().keySet().stream().filter(k -> k.startsWith(ManifestCodec.REQUIRES)).findFirst()
                .ifPresent(k -> {
                    throw new IllegalArgumentException("provenance key '" + k + "' starts with the reserved '"
                            + ManifestCodec.REQUIRES + "'");
                });
        List<ArtifactTensor> ts = new ArrayList<>(infos.size());
        for (int i = 0; i < infos.size(); i++) {
            CRC32C crc = new CRC32C();
            crc.update(blobs.get(i));
            EncodingRef e = encodings.get(i);
            ts.add(new ArtifactTensor(infos.get(i), e.id(), e.version(), e.description(), blobs.get(i).length,
                    (int) crc.getValue()));
        }
        String tiling = ArtifactReader.checkTiling(ts, parameterCount);
        if (tiling != null) {
            throw new IllegalArgumentException(tiling);
        }
        Requirements requirements = Requirements.of(encodings.stream().map(EncodingRef::id).toList(), configJson,
                TensorEncodings.installed());
        return new CompressedModel(kind, configJson, parameterCount, provenance, requirements, ts, blobs);
    }

    /** Assembles an artifact from already-validated parts (the reader's entry point). */
    static CompressedModel trusted(NetworkKind kind, String configJson, long parameterCount, Provenance provenance,
            Requirements requirements, List<ArtifactTensor> tensors, List<byte[]> blobs) {
        return new CompressedModel(kind, configJson, parameterCount, provenance, requirements, tensors, blobs);
    }

    /**
     * The encoding of one tensor, as a compressor decided it.
     *
     * @param id encoding id
     * @param version blob version
     * @param description human-readable settings
     */
    public record EncodingRef(String id, int version, String description) {
    }

    /** The network type. @return the kind */
    public NetworkKind kind() {
        return kind;
    }

    /** The DL4J configuration as JSON. @return the configuration */
    public String configJson() {
        return configJson;
    }

    /** The number of parameters of the network. @return the flat vector's length */
    public long parameterCount() {
        return parameterCount;
    }

    /** Where the artifact came from. @return the provenance */
    public Provenance provenance() {
        return provenance;
    }

    /**
     * What restoring needs beyond compressor-api, as the manifest records it (empty for artifacts
     * written before requirements were recorded).
     *
     * @return the requirements
     */
    public Requirements requirements() {
        return requirements;
    }

    /** The tensors in flat-vector order. @return the tensors */
    public List<ArtifactTensor> tensors() {
        return tensors;
    }

    /**
     * A tensor's encoded bytes.
     *
     * @param index the tensor's index in {@link #tensors()}
     * @return a read-only view of the blob
     */
    public ByteBuffer blob(int index) {
        return ByteBuffer.wrap(blobs.get(index)).asReadOnlyBuffer();
    }

    /** The total size of all blobs in bytes (before outer compression). @return the size */
    public long encodedBytes() {
        long n = 0;
        for (byte[] b : blobs) {
            n += b.length;
        }
        return n;
    }

    List<byte[]> blobs() {
        return blobs;
    }

    /**
     * Writes the artifact with {@link OuterCompression#ZSTD}, atomically.
     *
     * @param path the file; replaced only once the new one is complete
     * @throws IOException if writing fails; the previous file at {@code path}, if any, is intact
     */
    public void write(Path path) throws IOException {
        write(path, OuterCompression.ZSTD);
    }

    /**
     * Writes the artifact atomically: to a temporary file beside {@code path}, synced, then renamed.
     *
     * @param path the file; replaced only once the new one is complete
     * @param compression the outer compression
     * @throws IOException if writing fails; the previous file at {@code path}, if any, is intact
     */
    public void write(Path path, OuterCompression compression) throws IOException {
        new ArtifactWriter(this, compression).writeAtomically(path);
    }

    /**
     * The artifact as it would be written to a file.
     *
     * @param compression the outer compression
     * @return the file's bytes
     */
    public byte[] toBytes(OuterCompression compression) {
        return new ArtifactWriter(this, compression).toBytes();
    }

    /**
     * Reads and validates an artifact with {@link ReadLimits#DEFAULT}.
     *
     * @param path the file
     * @return the artifact
     * @throws ArtifactException if the file is not a valid artifact, saying why
     */
    public static CompressedModel read(Path path) throws ArtifactException {
        return read(path, ReadLimits.DEFAULT);
    }

    /**
     * Reads and validates an artifact.
     *
     * @param path the file
     * @param limits bounds on what the file may ask for
     * @return the artifact
     * @throws ArtifactException if the file is not a valid artifact, saying why
     */
    public static CompressedModel read(Path path, ReadLimits limits) throws ArtifactException {
        return ArtifactReader.read(path, limits, TensorEncodings.installed());
    }

    /**
     * Reads and validates an artifact held in memory.
     *
     * @param bytes the file's bytes
     * @param limits bounds on what the bytes may ask for
     * @return the artifact
     * @throws ArtifactException if the bytes are not a valid artifact, saying why
     */
    public static CompressedModel fromBytes(byte[] bytes, ReadLimits limits) throws ArtifactException {
        return ArtifactReader.fromBytes(bytes, limits, TensorEncodings.installed());
    }

    /**
     * Reads, validates and restores an artifact in one step with {@link ReadLimits#DEFAULT} and
     * {@link RestoreOptions#DEFAULT}. See {@link #load(Path, ReadLimits, RestoreOptions)}.
     *
     * @param path the file
     * @return a {@link MultiLayerNetwork} or {@link ComputationGraph} with fp32 weights
     * @throws ArtifactException if the file is not a valid artifact or cannot be restored, saying why
     */
    public static Model load(Path path) throws ArtifactException {
        return load(path, ReadLimits.DEFAULT, RestoreOptions.DEFAULT);
    }

    /**
     * Reads, validates and restores an artifact in one step with {@link RestoreOptions#DEFAULT}.
     * See {@link #load(Path, ReadLimits, RestoreOptions)}.
     *
     * @param path the file
     * @param limits bounds on what the file may ask for
     * @return a {@link MultiLayerNetwork} or {@link ComputationGraph} with fp32 weights
     * @throws ArtifactException if the file is not a valid artifact or cannot be restored, saying why
     */
    public static Model load(Path path, ReadLimits limits) throws ArtifactException {
        return load(path, limits, RestoreOptions.DEFAULT);
    }

    /**
     * Reads, validates and restores an artifact in one step: the same checks and result as
     * {@code read(path, limits).restore(options)}, faster on a multi-core machine. With
     * {@link RuntimeMode#DEQUANTIZE_AT_LOAD}, as soon as the manifest has been validated a second
     * thread allocates the network's parameter memory and maps its pages while this thread reads,
     * checks and decompresses the blobs; mapping fresh memory is the largest cost of a restore on
     * virtual machines, and this hides it behind the reading where a core is free. Nothing is
     * returned unless every check passes; the memory is freed if one fails.
     *
     * @param path the file
     * @param limits bounds on what the file may ask for
     * @param options the runtime mode and the rewrites to apply
     * @return a {@link MultiLayerNetwork} or {@link ComputationGraph}
     * @throws ArtifactException if the file is not a valid artifact or cannot be restored, saying why
     */
    public static Model load(Path path, ReadLimits limits, RestoreOptions options) throws ArtifactException {
        return ArtifactRestorer.load(path, limits, options);
    }

    /**
     * Decodes every tensor into the network's flat parameter vector (on the heap).
     *
     * @return the parameters
     * @throws ArtifactException if a blob is corrupt or the heap is too small
     */
    public float[] decodeParameters() throws ArtifactException {
        return ParameterDecoder.toHeap(this);
    }

    /**
     * Restores a runnable network with weights decoded to fp32 ({@link RestoreOptions#DEFAULT}).
     *
     * @return a {@link MultiLayerNetwork} or {@link ComputationGraph}
     * @throws ArtifactException if the artifact cannot be restored
     */
    public Model restore() throws ArtifactException {
        return restore(RestoreOptions.DEFAULT);
    }

    /**
     * Restores a runnable network in a runtime mode, without rewrites.
     *
     * @param mode how the weights are held in memory
     * @return a {@link MultiLayerNetwork} or {@link ComputationGraph}
     * @throws ArtifactException if the artifact cannot be restored in this mode; for
     *     {@link RuntimeMode#RESIDENT_QUANTIZED} without compressor-quant on the class path, with
     *     {@link ArtifactException.Problem#MISSING_MODULE}
     */
    public Model restore(RuntimeMode mode) throws ArtifactException {
        return restore(RestoreOptions.of(mode));
    }

    /**
     * Restores a runnable network: builds it in the options' runtime mode, checks it against the
     * stored tensors, then applies the options' rewrites in order.
     *
     * @param options the runtime mode and the rewrites to apply
     * @return a {@link MultiLayerNetwork} or {@link ComputationGraph}, or what the last rewrite returned
     * @throws ArtifactException if the artifact cannot be restored; a configuration class or the
     *     resident runtime missing from the class path gives
     *     {@link ArtifactException.Problem#MISSING_MODULE}, naming the module that provides it
     */
    public Model restore(RestoreOptions options) throws ArtifactException {
        return ArtifactRestorer.restore(this, options);
    }

    /**
     * Restores a {@link MultiLayerNetwork}.
     *
     * @return the network
     * @throws ArtifactException if the artifact holds a ComputationGraph or cannot be restored
     */
    public MultiLayerNetwork restoreMultiLayerNetwork() throws ArtifactException {
        if (kind != NetworkKind.MULTI_LAYER) {
            throw new ArtifactException(ArtifactException.Problem.MALFORMED, "artifact holds a " + kind
                    + ", not a MultiLayerNetwork");
        }
        return (MultiLayerNetwork) restore();
    }

    /**
     * Restores a {@link ComputationGraph}.
     *
     * @return the network
     * @throws ArtifactException if the artifact holds a MultiLayerNetwork or cannot be restored
     */
    public ComputationGraph restoreComputationGraph() throws ArtifactException {
        if (kind != NetworkKind.GRAPH) {
            throw new ArtifactException(ArtifactException.Problem.MALFORMED, "artifact holds a " + kind
                    + ", not a ComputationGraph");
        }
        return (ComputationGraph) restore();
    }
}
