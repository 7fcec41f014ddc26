package dev.compressor.examples.study;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.Compressor;
import dev.compressor.api.Compressors;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.api.energy.EnergyMeter;
import dev.compressor.api.energy.EnergyReading;
import dev.compressor.api.profile.Profile;
import dev.compressor.api.profile.Profiler;
import dev.compressor.api.profile.ProfilerBuilder;
import dev.compressor.quant.ResidentNetworks;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures one network's cells in this JVM and appends each to a store: builds the fp32 network and
 * its reference logits and ModelSerializer size once, warms the artifact and restore paths up with
 * one untimed fp32 round trip, then per setting compresses, writes the
 * artifact with each outer compression, restores it from the ZSTD file, compares logits and
 * profiles inference at batch 1 and, if asked, at a larger batch (each a count of inferences, or
 * within a time budget). A failing cell is recorded with its error. Not thread-safe.
 */
final class NetworkMeasurer {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkMeasurer.class);

    private final SweepOptions options;
    private final EnergyMeter meter;
    private final Path workDir;
    private final LongSupplier nanos;
    private final Map<String, String> hostProvenance;
    private final List<OuterCompression> outers;

    NetworkMeasurer(SweepOptions options, EnergyMeter meter, Path workDir, LongSupplier nanos,
                    Map<String, String> hostProvenance) {
        this.options = options;
        this.hostProvenance = Map.copyOf(hostProvenance);
        this.outers = options.xz()
                ? List.of(OuterCompression.NONE, OuterCompression.GZIP, OuterCompression.XZ, OuterCompression.ZSTD)
                : List.of(OuterCompression.NONE, OuterCompression.GZIP, OuterCompression.ZSTD);
        this.meter = meter;
        this.workDir = workDir;
        this.nanos = nanos;
    }

    void measure(SweepNetwork network, List<Setting> settings, String tier, ResultStore store) throws IOException {
        ComputationGraph net;
        INDArray[] input;
        INDArray reference;
        long referenceBytes;
        try {
            LOG.info("building {} (seed {})", network.id(), options.seed());
            net = network.build(options.seed());
            input = network.inputs(options.seed());
            reference = Logits.of(net, input);
            Path ref = workDir.resolve(network.id() + "-fp32-modelserializer.zip");
            ModelSerializer.writeModel(net, ref.toFile(), false);
            referenceBytes = Files.size(ref);
            Files.delete(ref);
            warmUp(net, input, network.id());
        } catch (Throwable e) {
            for (Setting s : settings) {
                store.append(CellRecord.failed(new CellKey(network.id(), s.id(), tier),
                        "building the fp32 network or its reference failed: " + describe(e)));
            }
            return;
        }
        for (Setting s : settings) {
            CellKey key = new CellKey(network.id(), s.id(), tier);
            if (options.retryFailed() ? store.succeeded(key) : store.contains(key)) {
                continue;
            }
            CellRecord r;
            try {
                LOG.info("measuring {}", key);
                r = cell(key, network, net, s, input, reference, referenceBytes);
            } catch (Throwable e) { // record any failure of one cell (even a LinkageError) and go on
                LOG.warn("cell {} failed: {}", key, e.toString());
                r = CellRecord.failed(key, describe(e));
            }
            store.append(r);
        }
    }

    private CellRecord cell(CellKey key, SweepNetwork network, ComputationGraph net, Setting setting, INDArray[] input,
                            INDArray reference, long referenceBytes) throws Exception {
        // calibration (activation settings) on other real images than the ones fidelity is measured on
        Compressor compressor = setting.needsCalibration()
                ? setting.compressor(network.inputs(options.seed() + 1)) : setting.compressor();
        long t0 = nanos.getAsLong();
        CompressionResult result = compressor.compress(net);
        long compressionNanos = nanos.getAsLong() - t0;
        Map<String, Long> bytes = new LinkedHashMap<>();
        Path zstd = null;
        for (OuterCompression outer : outers) {
            Path f = workDir.resolve(key.network() + "-" + key.setting() + "." + outer.name().toLowerCase() + ".dlc");
            result.artifact().write(f, outer);
            bytes.put(outer.name(), Files.size(f));
            if (outer == OuterCompression.ZSTD) {
                zstd = f;
            } else {
                Files.delete(f);
            }
        }
        Map<String, String> provenance = new LinkedHashMap<>(result.artifact().provenance().entries());
        provenance.putAll(hostProvenance);
        String description = compressor.describe();
        result = null;
        t0 = nanos.getAsLong();
        ComputationGraph restored = (ComputationGraph) CompressedModel.read(zstd).restore(setting.runtimeMode());
        long loadNanos = nanos.getAsLong() - t0;
        Files.delete(zstd);
        try {
            INDArray y = Logits.of(restored, input);
            Fidelity fidelity = Fidelity.compare(reference.data().asFloat(), y.data().asFloat(), reference.shape());
            ProfilerBuilder pb = Profiler.builder().warmupIterations(options.warmupIterations())
                    .measuredIterations(options.measuredIterations()).label(key.toString());
            if (options.timeBudget() != null) {
                pb.timeBudget(options.timeBudget()).minMeasuredIterations(
                        Math.min(SweepOptions.MIN_MEASURED_IN_BUDGET, options.measuredIterations()));
            }
            if (meter != null) {
                pb.energyMeter(meter);
            }
            Profile p = pb.build().profile(restored, input);
            CellRecord.Energy energy = null;
            if (p.energy().isPresent()) {
                EnergyReading e = p.energy().get();
                energy = new CellRecord.Energy(meter.name(), e.estimated(), p.joulesPerInference().orElse(Double.NaN),
                        p.averageWatts().orElse(Double.NaN));
            }
            CellRecord.Latency large = null;
            if (options.largeBatch() > 1) {
                // the network is warm from batch 1: one pass sizes ND4J's buffers for the larger batch
                Profile pl = pb.label(key + " batch " + options.largeBatch())
                        .warmupIterations(Math.min(1, options.warmupIterations())).build()
                        .profile(restored, batched(input, options.largeBatch()));
                large = latency(pl);
            }
            return new CellRecord(key, null, description, net.numParams(), referenceBytes, bytes, compressionNanos,
                    loadNanos, p.memory().residentBytes(), p.memory().offHeapBytes(),
                    ResidentNetworks.memory(restored).totalBytes(), latency(p), large, energy,
                    fidelity, provenance);
        } finally {
            restored.close();
        }
    }

    /**
     * One untimed compress, write, read, restore and inference, so that class loading and JIT
     * compilation of these paths are not charged to the first cell measured in this JVM.
     */
    private static final long WARM_UP_NANOS = 2_000_000_000L;

    private void warmUp(ComputationGraph net, INDArray[] input, String id) throws Exception {
        Path f = workDir.resolve(id + "-warmup.dlc");
        Compressors.identity().compress(net).artifact().write(f, OuterCompression.ZSTD);
        ComputationGraph g = (ComputationGraph) CompressedModel.read(f).restore();
        try {
            Logits.of(g, input);
            // JIT and ND4J warm-up shared by every cell of this JVM: at least 3 passes and 2 s, at most
            // 20 passes (with only a pass or two the first cell measured up to 2x slower than the rest)
            long until = nanos.getAsLong() + WARM_UP_NANOS;
            int passes = 0;
            do {
                g.output(input);
                passes++;
            } while (passes < 20 && (passes < 3 || nanos.getAsLong() < until));
        } finally {
            g.close();
            Files.delete(f);
        }
    }

    private static CellRecord.Latency latency(Profile p) {
        return new CellRecord.Latency(p.batchSize(), p.count(), p.latency().p50Nanos(), p.latency().p90Nanos(),
                p.latency().p99Nanos(), p.inferencesPerSecond());
    }

    /** Each input repeated {@code n} times along the batch axis. */
    private static INDArray[] batched(INDArray[] input, int n) {
        INDArray[] out = new INDArray[input.length];
        for (int i = 0; i < input.length; i++) {
            INDArray[] copies = new INDArray[n];
            java.util.Arrays.fill(copies, input[i]);
            out[i] = org.nd4j.linalg.factory.Nd4j.concat(0, copies);
        }
        return out;
    }

    /** The throwable's class and message, then its first stack frames, on one string. */
    static String describe(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        String[] lines = w.toString().split("\n");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(lines.length, 6); i++) {
            b.append(i == 0 ? "" : " | ").append(lines[i].strip());
        }
        return b.toString();
    }
}
