package dev.compressor.examples.study;

import dev.compressor.examples.fidelity.Fidelity;
import com.google.common.base.Ticker;
import dev.compressor.api.CompressionResult;
import dev.compressor.api.Compressor;
import dev.compressor.api.Compressors;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.api.artifact.RuntimeMode;
import dev.compressor.api.energy.EnergyMeter;
import dev.compressor.api.profile.LatencyStats;
import dev.compressor.api.profile.PairedProfile;
import dev.compressor.api.profile.PairedProfiler;
import dev.compressor.api.profile.Profile;
import dev.compressor.api.profile.Profiler;
import dev.compressor.examples.settings.Setting;
import dev.compressor.examples.settings.SettingNotApplicable;
import dev.compressor.quant.ResidentNetworks;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures one network's cells in this JVM and appends each to a store: builds the fp32 network and
 * its fp32 logits on the fidelity inputs ({@link FidelityProbe}) and ModelSerializer size once, warms the artifact and restore paths up with
 * one untimed fp32 round trip, then per setting compresses, writes the
 * artifact with each outer compression, restores it from the ZSTD file, compares logits, and
 * measures latency at batch 1 in paired rounds against the fp32 network in this JVM (and, for a
 * resident-quantized setting, against its dequantize-at-load twin restored from the same file), so
 * that the record holds ratios with 95 % intervals and verdicts ({@link PairedProfiler}); if asked it
 * also profiles an absolute throughput at a larger batch. A failing cell is recorded with its error,
 * a setting that does not apply as not applicable. Not thread-safe.
 */
final class NetworkMeasurer {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkMeasurer.class);

    private final SweepOptions options;
    private final EnergyMeter meter;
    private final Path workDir;
    private final Ticker ticker;
    private final Map<String, String> hostProvenance;
    private final List<OuterCompression> outers;

    NetworkMeasurer(SweepOptions options, EnergyMeter meter, Path workDir, Ticker ticker,
                    Map<String, String> hostProvenance) {
        this.options = options;
        this.hostProvenance = Map.copyOf(hostProvenance);
        this.outers = options.xz()
                ? List.of(OuterCompression.NONE, OuterCompression.GZIP, OuterCompression.XZ, OuterCompression.ZSTD)
                : List.of(OuterCompression.NONE, OuterCompression.GZIP, OuterCompression.ZSTD);
        this.meter = meter;
        this.workDir = workDir;
        this.ticker = ticker;
    }

    void measure(SweepNetwork network, List<Setting> settings, String tier, ResultStore store) throws IOException {
        ComputationGraph net;
        INDArray[] input;
        FidelityProbe probe;
        long referenceBytes;
        try {
            LOG.info("building {} (seed {})", network.id(), options.seed());
            net = network.build(options.seed());
            input = network.inputs(options.seed());
            probe = FidelityProbe.of(net, network, options.seed(), options.fidelityImages());
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
                r = cell(key, network, net, s, input, probe, referenceBytes);
            } catch (Throwable e) { // record any failure of one cell (even a LinkageError) and go on
                LOG.warn("cell {} not measured: {}", key, e.toString());
                r = unmeasured(key, e);
            }
            store.append(r);
        }
    }

    private CellRecord cell(CellKey key, SweepNetwork network, ComputationGraph net, Setting setting, INDArray[] input,
                            FidelityProbe probe, long referenceBytes) throws Exception {
        // calibration (activation settings) on the initialisation images, disjoint from the fidelity images
        Compressor compressor = setting.needsCalibration()
                ? setting.compressor(network.initialisationInputs()) : setting.compressor();
        long t0 = ticker.read();
        CompressionResult result = compressor.compress(net);
        long compressionNanos = ticker.read() - t0;
        SettingNotApplicable.checkRemovedSomething(setting, net.numParams(), result.network().numParams());
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
        t0 = ticker.read();
        ComputationGraph restored = (ComputationGraph) CompressedModel.read(zstd).restore(setting.runtimeMode());
        long loadNanos = ticker.read() - t0;
        // a resident setting is also compared with its dequantize-at-load twin, in the same rounds
        ComputationGraph twin = setting.runtimeMode() == RuntimeMode.RESIDENT_QUANTIZED
                ? (ComputationGraph) CompressedModel.read(zstd).restore(RuntimeMode.DEQUANTIZE_AT_LOAD) : null;
        Files.delete(zstd);
        try {
            Fidelity fidelity = probe.compare(restored);
            PairedProfile paired = pairedProfiler().build().compare(arms(net, restored, twin, input));
            CellRecord.Paired p = paired(paired, setting, twin != null);
            LatencyStats ls = paired.latency(CANDIDATE);
            CellRecord.Latency latency = new CellRecord.Latency(1, ls.count(), ls.p50Nanos(), ls.p90Nanos(),
                    ls.p99Nanos(), 1e9 / ls.meanNanos());
            CellRecord.Energy energy = paired.energy().map(m -> new CellRecord.Energy(m.meter(), m.estimated(),
                    paired.medianJoulesPerInference(CANDIDATE).orElse(Double.NaN),
                    paired.medianJoulesPerInference(CANDIDATE).orElse(Double.NaN) * 1e9 / ls.p50Nanos())).orElse(null);
            CellRecord.Latency large = null;
            if (options.largeBatch() > 1) {
                // an absolute throughput, no verdict: the network is warm from batch 1, one pass sizes ND4J's
                // buffers for the larger batch
                Profiler.Builder pb = Profiler.builder().warmupIterations(Math.min(1, options.warmupIterations()))
                        .measuredIterations(options.measuredIterations()).label(key + " batch " + options.largeBatch());
                if (options.timeBudget() != null) {
                    pb.timeBudget(options.timeBudget()).minMeasuredIterations(
                            Math.min(SweepOptions.MIN_LARGE_BATCH_IN_BUDGET, options.measuredIterations()));
                }
                large = latency(pb.build().profile(restored, batched(input, options.largeBatch())));
            }
            return new CellRecord(key, null, description, net.numParams(), referenceBytes, bytes, compressionNanos,
                    loadNanos, -1, -1, ResidentNetworks.memory(restored).totalBytes(), latency, large, energy,
                    fidelity, provenance).withPaired(p);
        } finally {
            restored.close();
            if (twin != null) {
                twin.close();
            }
        }
    }

    /** How long idle power is measured before each cell's rounds when the meter is a sensor. */
    private static final java.time.Duration IDLE_BASELINE = java.time.Duration.ofSeconds(2);

    /** Arm names of the paired rounds. */
    static final String FP32 = "fp32";
    static final String CANDIDATE = "setting";
    static final String TWIN = "dequantized twin";

    /** Measured rounds of the discarded warm-up comparison. */
    private static final int WARM_UP_ROUNDS = 10;

    private PairedProfiler.Builder pairedProfiler() {
        PairedProfiler.Builder b = PairedProfiler.builder().maxWarmupRounds(options.warmupIterations())
                .rounds(options.measuredIterations()).ticker(ticker);
        if (options.timeBudget() != null) {
            b.timeBudget(options.timeBudget()).minRounds(
                    Math.min(SweepOptions.MIN_MEASURED_IN_BUDGET, options.measuredIterations()));
        }
        if (meter != null) {
            b.energyMeter(meter);
            if (!meter.estimated()) {
                b.idleBaseline(IDLE_BASELINE); // a sensor reads the whole board: subtract what it draws idle
            }
        }
        return b;
    }

    private static Map<String, Supplier<Object>> arms(ComputationGraph fp32, ComputationGraph restored,
                                                      ComputationGraph twin, INDArray[] input) {
        Map<String, Supplier<Object>> arms = new LinkedHashMap<>();
        arms.put(FP32, PairedProfiler.inference(fp32, input));
        arms.put(CANDIDATE, PairedProfiler.inference(restored, input));
        if (twin != null) {
            arms.put(TWIN, PairedProfiler.inference(twin, input));
        }
        return arms;
    }

    /** The cell's paired block from a profile of the arms {@link #FP32}, {@link #CANDIDATE} and maybe {@link #TWIN}. */
    static CellRecord.Paired paired(PairedProfile p, Setting setting, boolean twin) {
        return new CellRecord.Paired(p.rounds(), p.warmupRounds(), p.warmupSettled(), setting.control(),
                p.latency(FP32).p50Nanos(), p.latencyRatio(CANDIDATE, FP32), twin ? p.latencyRatio(CANDIDATE, TWIN) : null,
                p.energyRatio(CANDIDATE, FP32).orElse(null), p.energy().map(m -> m.estimated()).orElse(false),
                p.energy().map(m -> m.idleWatts()).orElse(Double.NaN),
                p.energy().map(m -> m.samplesPerSecond()).orElse(Double.NaN));
    }

    /**
     * The record of a cell that threw: not applicable when the setting said so, else failed.
     *
     * @param key the cell
     * @param e what it threw
     * @return the record
     */
    static CellRecord unmeasured(CellKey key, Throwable e) {
        String reason = SettingNotApplicable.reasonIn(e);
        return reason != null ? CellRecord.notApplicable(key, reason) : CellRecord.failed(key, describe(e));
    }

    /**
     * One untimed compress, write, read and restore, then one untimed paired comparison of the fp32
     * network with its restored copy (the measurement a cell makes, discarded), so that class loading
     * and JIT compilation of these paths are not charged to the first cell measured in this JVM. (With
     * only passes of the fp32 network before it, the first cell, fp32 against itself, measured 0.95x
     * [0.88, 1.02] on MobileNet-v1 while every later control came out within [0.96, 1.02].)
     */
    private void warmUp(ComputationGraph net, INDArray[] input, String id) throws Exception {
        Path f = workDir.resolve(id + "-warmup.dlc");
        Compressors.identity().compress(net).artifact().write(f, OuterCompression.ZSTD);
        ComputationGraph g = (ComputationGraph) CompressedModel.read(f).restore();
        try {
            pairedProfiler().rounds(WARM_UP_ROUNDS).minRounds(WARM_UP_ROUNDS).build().compare(arms(net, g, null, input));
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
