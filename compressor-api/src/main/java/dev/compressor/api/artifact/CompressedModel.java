package dev.compressor.api.artifact;

import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.encoding.TensorEncodings;
import dev.compressor.api.internal.NetworkIO;
import dev.compressor.api.internal.ParameterMemory;
import dev.compressor.api.tensor.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.ServiceLoader;
import java.util.stream.IntStream;
import java.util.zip.CRC32C;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A compressed network: its DL4J configuration, one encoded blob per parameter tensor, and a
 * manifest (format version, encodings, checksums, provenance). Immutable and thread-safe.
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
    private final List<ArtifactTensor> tensors;
    private final List<byte[]> blobs;

    private CompressedModel(NetworkKind kind, String configJson, long parameterCount, Provenance provenance,
            List<ArtifactTensor> tensors, List<byte[]> blobs) {
        this.kind = kind;
        this.configJson = configJson;
        this.parameterCount = parameterCount;
        this.provenance = provenance;
        this.tensors = List.copyOf(tensors);
        this.blobs = List.copyOf(blobs);
    }

    /**
     * Assembles an artifact from encoded tensors. Used by compressors; the blobs are not copied.
     *
     * @param kind the network type
     * @param configJson the DL4J configuration as JSON
     * @param parameterCount the length of the network's flat parameter vector
     * @param provenance where it came from
     * @param infos the tensors, in flat-vector order
     * @param encodings for each tensor: its encoding id, version and description
     * @param blobs for each tensor: its encoded bytes
     * @return the artifact
     * @throws IllegalArgumentException if the lists differ in length or the tensors do not tile the
     *     flat vector
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
        return new CompressedModel(kind, configJson, parameterCount, provenance, ts, blobs);
    }

    /**
     * Assembles an artifact from already-validated parts (the reader's entry point).
     *
     * @param kind network type
     * @param configJson configuration
     * @param parameterCount flat vector length
     * @param provenance provenance
     * @param tensors validated tensor entries
     * @param blobs their blobs
     * @return the artifact
     */
    static CompressedModel trusted(NetworkKind kind, String configJson, long parameterCount, Provenance provenance,
            List<ArtifactTensor> tensors, List<byte[]> blobs) {
        return new CompressedModel(kind, configJson, parameterCount, provenance, tensors, blobs);
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
     * Reads, validates and restores an artifact in one step, with {@link ReadLimits#DEFAULT}: the
     * same checks and result as {@code read(path).restore()}, faster on a multi-core machine. See
     * {@link #load(Path, ReadLimits)}.
     *
     * @param path the file
     * @return a {@link MultiLayerNetwork} or {@link ComputationGraph} with fp32 weights
     * @throws ArtifactException if the file is not a valid artifact or cannot be restored, saying why
     */
    public static Model load(Path path) throws ArtifactException {
        return load(path, ReadLimits.DEFAULT);
    }

    /**
     * Reads, validates and restores an artifact in one step ({@link RuntimeMode#DEQUANTIZE_AT_LOAD}).
     * As soon as the manifest has been validated, a second thread allocates the network's parameter
     * memory and maps its pages while this thread reads, checks and decompresses the blobs; mapping
     * fresh memory is the largest cost of a restore on virtual machines, and this hides it behind
     * the reading where a core is free. Nothing is returned unless every check passes; the memory
     * is freed if one fails.
     *
     * @param path the file
     * @param limits bounds on what the file may ask for
     * @return a {@link MultiLayerNetwork} or {@link ComputationGraph} with fp32 weights
     * @throws ArtifactException if the file is not a valid artifact or cannot be restored, saying why
     */
    public static Model load(Path path, ReadLimits limits) throws ArtifactException {
        AtomicReference<CompletableFuture<ParameterMemory>> memory = new AtomicReference<>();
        CompressedModel m;
        try {
            m = ArtifactReader.read(path, limits, TensorEncodings.installed(), count -> {
                if (count >= 1) {
                    memory.set(CompletableFuture.supplyAsync(() -> {
                        ParameterMemory p = ParameterMemory.allocate(count);
                        p.prefault();
                        return p;
                    }));
                }
            });
        } catch (ArtifactException | RuntimeException e) {
            CompletableFuture<ParameterMemory> f = memory.get();
            if (f != null) {
                f.thenAccept(ParameterMemory::release);
            }
            throw e;
        }
        return m.restoreAtLoad(memory.get());
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
     * Decodes every tensor into the network's flat parameter vector.
     *
     * @return the parameters
     * @throws ArtifactException if a blob is corrupt
     */
    public float[] decodeParameters() throws ArtifactException {
        long needed = parameterCount * Float.BYTES;
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (needed > free) {
            throw new ArtifactException(ArtifactException.Problem.LIMIT_EXCEEDED, "decoding " + parameterCount
                    + " parameters needs " + needed + " bytes of heap, " + free + " are free (raise -Xmx)");
        }
        float[] flat = new float[Math.toIntExact(parameterCount)];
        TensorEncodings registry = TensorEncodings.installed();
        for (int i = 0; i < tensors.size(); i++) {
            ArtifactTensor t = tensors.get(i);
            try {
                registry.decode(t.encodingId(), t.encodingVersion(), blob(i), t.info().layout(), flat,
                        (int) t.info().flatOffset());
            } catch (CorruptTensorException e) {
                throw new ArtifactException(ArtifactException.Problem.MALFORMED,
                        "tensor '" + t.info().name() + "': " + e.getMessage(), e);
            }
        }
        return flat;
    }

    /**
     * Decodes every tensor straight into an off-heap parameter vector, the preallocated one when
     * given, else a fresh one whose pages are mapped from all cores first; tensors decode in
     * parallel, largest first.
     */
    private INDArray decodeOffHeap(CompletableFuture<ParameterMemory> preallocated) throws ArtifactException {
        if (tensors.stream().anyMatch(t -> t.info().length() > ParameterMemory.MAX_SLICE)) {
            release(preallocated);
            float[] flat = decodeParameters(); // a tensor over 2 GiB: no NIO view spans it
            return Nd4j.createFromArray(flat).reshape(1, flat.length);
        }
        ParameterMemory memory;
        try {
            if (preallocated != null) {
                memory = preallocated.join();
            } else {
                memory = ParameterMemory.allocate(parameterCount);
                memory.prefault();
            }
        } catch (OutOfMemoryError | CompletionException e) {
            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
            throw new ArtifactException(ArtifactException.Problem.LIMIT_EXCEEDED, "cannot allocate "
                    + parameterCount * Float.BYTES + " bytes off-heap for " + parameterCount + " parameters ("
                    + cause + "; raise -Dorg.bytedeco.javacpp.maxbytes)", cause);
        }
        TensorEncodings registry = TensorEncodings.installed();
        List<Integer> largestFirst = IntStream.range(0, tensors.size()).boxed()
                .sorted(Comparator.comparingLong((Integer i) -> tensors.get(i).info().length()).reversed()).toList();
        try {
            largestFirst.parallelStream().forEach(i -> {
                ArtifactTensor t = tensors.get(i);
                try {
                    registry.decode(t.encodingId(), t.encodingVersion(), blob(i), t.info().layout(),
                            memory.slice(t.info().flatOffset(), t.info().length()));
                } catch (CorruptTensorException e) {
                    throw new UncheckedCorruption(t, e);
                }
            });
        } catch (UncheckedCorruption e) {
            memory.release();
            throw new ArtifactException(ArtifactException.Problem.MALFORMED,
                    "tensor '" + e.tensor.info().name() + "': " + e.getCause().getMessage(), e.getCause());
        }
        return memory.asRowVector();
    }

    private static void release(CompletableFuture<ParameterMemory> preallocated) {
        if (preallocated != null) {
            preallocated.thenAccept(ParameterMemory::release);
        }
    }

    /** Carries a tensor's decoding failure out of a parallel stream. */
    private static final class UncheckedCorruption extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ArtifactTensor tensor;

        UncheckedCorruption(ArtifactTensor tensor, CorruptTensorException cause) {
            super(cause);
            this.tensor = tensor;
        }
    }

    /**
     * Restores a runnable network with weights decoded to fp32 ({@link RuntimeMode#DEQUANTIZE_AT_LOAD}).
     *
     * @return a {@link MultiLayerNetwork} or {@link ComputationGraph}
     * @throws ArtifactException if the artifact cannot be restored
     */
    public Model restore() throws ArtifactException {
        return restore(RuntimeMode.DEQUANTIZE_AT_LOAD);
    }

    /**
     * Restores a runnable network.
     *
     * @param mode how the weights are held in memory
     * @return a {@link MultiLayerNetwork} or {@link ComputationGraph}
     * @throws ArtifactException if the artifact cannot be restored in this mode
     */
    public Model restore(RuntimeMode mode) throws ArtifactException {
        if (mode == RuntimeMode.RESIDENT_QUANTIZED) {
            ResidentRuntime rt = ServiceLoader.load(ResidentRuntime.class, CompressedModel.class.getClassLoader())
                    .findFirst().orElseThrow(() -> new UnsupportedOperationException(
                            "RESIDENT_QUANTIZED needs a ResidentRuntime on the class path; add compressor-quant"));
            return rt.restoreResident(this);
        }
        return restoreAtLoad(null);
    }

    /**
     * Restores with fp32 weights, into {@code preallocated} memory when given (allocated and
     * prefaulted for {@link #parameterCount}), else into fresh memory.
     */
    private Model restoreAtLoad(CompletableFuture<ParameterMemory> preallocated) throws ArtifactException {
        long declared;
        NetworkIO.ParsedConfig config;
        try {
            config = NetworkIO.parse(kind, configJson);
            declared = config.declaredParams();
        } catch (RuntimeException e) {
            release(preallocated);
            throw new ArtifactException(ArtifactException.Problem.MALFORMED,
                    "the stored configuration is not a valid DL4J " + kind + " configuration: " + e.getMessage(), e);
        }
        if (declared != parameterCount) {
            release(preallocated);
            throw new ArtifactException(ArtifactException.Problem.MALFORMED, "the configuration declares "
                    + declared + " parameters, the artifact stores " + parameterCount);
        }
        INDArray params = decodeOffHeap(preallocated);
        try {
            Model net = config.build(params);
            ArtifactReader.checkMatches(this, NetworkIO.inventory(net));
            return net;
        } catch (RuntimeException e) {
            throw new ArtifactException(ArtifactException.Problem.MALFORMED,
                    "the configuration does not build a network matching the stored tensors: " + e.getMessage(), e);
        }
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
