package dev.compressor.api.artifact;

import dev.compressor.api.encoding.TensorEncodings;
import dev.compressor.api.internal.NetworkIO;
import dev.compressor.api.internal.ParameterMemory;
import dev.compressor.api.tensor.TensorInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns a validated artifact into a runnable network: checks that every class its configuration
 * names is on the class path, builds the network in the requested {@link RuntimeMode}, checks it
 * against the stored tensors, then applies the caller's {@link RuntimeRewrite}s. Stateless.
 */
final class ArtifactRestorer {

    private ArtifactRestorer() {
    }

    static Model restore(CompressedModel m, RestoreOptions options) throws ArtifactException {
        Objects.requireNonNull(options, "options");
        Model net = options.mode() == RuntimeMode.RESIDENT_QUANTIZED ? resident(m) : atLoad(m, null);
        return rewrite(net, options);
    }

    /**
     * Reads, validates and restores a file. For {@link RuntimeMode#DEQUANTIZE_AT_LOAD}, as soon as
     * the manifest has been validated a second thread allocates the parameter memory and maps its
     * pages while this thread reads the blobs; the memory is freed if anything fails.
     */
    static Model load(Path path, ReadLimits limits, RestoreOptions options) throws ArtifactException {
        Objects.requireNonNull(options, "options");
        if (options.mode() != RuntimeMode.DEQUANTIZE_AT_LOAD) {
            return restore(ArtifactReader.read(path, limits, TensorEncodings.installed()), options);
        }
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
            ParameterDecoder.release(memory.get());
            throw e;
        }
        return rewrite(atLoad(m, memory.get()), options);
    }

    /**
     * Restores with fp32 weights, into {@code preallocated} memory when given (allocated and
     * prefaulted for the parameter count), else into fresh memory; frees it if anything fails.
     */
    private static Model atLoad(CompressedModel m, CompletableFuture<ParameterMemory> preallocated)
            throws ArtifactException {
        NetworkIO.ParsedConfig config;
        try {
            requireClasses(m);
            config = parse(m);
        } catch (ArtifactException e) {
            ParameterDecoder.release(preallocated);
            throw e;
        }
        INDArray params = ParameterDecoder.offHeap(m, preallocated);
        try {
            Model net = config.build(params);
            checkMatches(m, NetworkIO.inventory(net));
            return net;
        } catch (RuntimeException e) {
            throw new ArtifactException(ArtifactException.Problem.MALFORMED,
                    "the configuration does not build a network matching the stored tensors: " + e.getMessage(), e);
        }
    }

    private static NetworkIO.ParsedConfig parse(CompressedModel m) throws ArtifactException {
        NetworkIO.ParsedConfig config;
        try {
            config = NetworkIO.parse(m.kind(), m.configJson());
        } catch (RuntimeException e) {
            throw new ArtifactException(ArtifactException.Problem.MALFORMED, "the stored configuration is not a valid"
                    + " DL4J " + m.kind() + " configuration: " + e.getMessage(), e);
        }
        long declared = config.declaredParams();
        if (declared != m.parameterCount()) {
            throw new ArtifactException(ArtifactException.Problem.MALFORMED, "the configuration declares "
                    + declared + " parameters, the artifact stores " + m.parameterCount());
        }
        return config;
    }

    private static Model resident(CompressedModel m) throws ArtifactException {
        requireClasses(m);
        ResidentRuntime rt = ServiceLoader.load(ResidentRuntime.class, ArtifactRestorer.class.getClassLoader())
                .findFirst().orElse(null);
        if (rt == null) {
            throw new ArtifactException(ArtifactException.Problem.MISSING_MODULE, RuntimeMode.RESIDENT_QUANTIZED
                    + " needs a ResidentRuntime on the class path, which compressor-quant provides; add compressor-quant"
                    + " to the class path or restore with " + RuntimeMode.DEQUANTIZE_AT_LOAD);
        }
        return rt.restoreResident(m);
    }

    /** Throws if the configuration names a class that is not on the class path, naming its module. */
    static void requireClasses(CompressedModel m) throws ArtifactException {
        List<String> missing = ConfigClasses.missing(m.configJson());
        if (missing.isEmpty()) {
            return;
        }
        String modules = missing.stream().map(c -> m.requirements().moduleOfClass(c)).distinct()
                .collect(Collectors.joining(", "));
        throw new ArtifactException(ArtifactException.Problem.MISSING_MODULE, "the configuration names "
                + missing.stream().map(c -> c + " (provided by " + m.requirements().moduleOfClass(c) + ")")
                        .collect(Collectors.joining(", "))
                + ", not on the class path; add " + modules + " to the class path");
    }

    private static Model rewrite(Model net, RestoreOptions options) {
        Model out = net;
        for (RuntimeRewrite r : options.rewrites()) {
            out = Objects.requireNonNull(r.apply(out), () -> "the runtime rewrite " + r + " returned null");
        }
        return out;
    }

    /** Checks that a rebuilt network's tensors are exactly the artifact's. */
    static void checkMatches(CompressedModel m, List<TensorInfo> rebuilt) throws ArtifactException {
        if (rebuilt.size() != m.tensors().size()) {
            throw ManifestCodec.malformed("configuration builds " + rebuilt.size() + " tensors, artifact stores "
                    + m.tensors().size());
        }
        for (int i = 0; i < rebuilt.size(); i++) {
            TensorInfo a = m.tensors().get(i).info();
            TensorInfo b = rebuilt.get(i);
            if (!a.name().equals(b.name()) || !a.layout().equals(b.layout()) || a.flatOffset() != b.flatOffset()) {
                throw ManifestCodec.malformed("tensor " + i + ": artifact stores '" + a.name() + "' " + a.layout()
                        + " at " + a.flatOffset() + ", configuration builds '" + b.name() + "' " + b.layout()
                        + " at " + b.flatOffset());
            }
        }
    }
}
