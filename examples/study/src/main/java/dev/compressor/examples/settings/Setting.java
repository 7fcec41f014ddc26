package dev.compressor.examples.settings;

import dev.compressor.api.Compressor;
import dev.compressor.api.Compressors;
import dev.compressor.api.artifact.RuntimeMode;
import dev.compressor.api.recalibration.BatchNormRecalibration;
import dev.compressor.api.training.FineTuningBudget;
import dev.compressor.prune.Pruning;
import dev.compressor.prune.structured.ChannelPruning;
import dev.compressor.quant.Observers;
import dev.compressor.quant.Quantization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * The named compression settings of the study's grid (STUDY.md), each a {@link Compressor} built
 * fresh on request. Weight quantization stores weights in fewer bits and dequantizes at load;
 * pruning zeroes (or, for channel pruning, removes) weights. Each setting names its
 * {@link #runtimeMode() runtime mode}; the {@code _resident} settings keep the weights quantized in
 * memory at run time; the {@code _act_} settings add simulated int8 activations calibrated on sample
 * inputs ({@link #compressor(INDArray[])}).
 *
 * <p>Immutable and thread-safe.
 */
public enum Setting {

    /** Baseline: every tensor stored as float32. */
    FP32("fp32", "baseline", "float32, unchanged", Compressors::identity),
    /** Every floating-point tensor stored as IEEE binary16. */
    FP16("fp16", "quantization", "all tensors stored as fp16", Compressors::fp16),
    /** Every floating-point tensor stored as bfloat16. */
    BF16("bf16", "quantization", "all tensors stored as bf16", Compressors::bf16),
    /** Int8 per-tensor asymmetric weights (TensorFlow quantize_weights). */
    INT8_TENSOR("int8_tensor", "quantization", "int8 weights, per-tensor asymmetric, min-max",
            Quantization::int8PerTensorAsymmetric),
    /** Int8 per-channel symmetric weights. */
    INT8_CHANNEL("int8_channel", "quantization", "int8 weights, per-channel symmetric, min-max",
            Quantization::int8PerChannel),
    /** Int6 per-channel symmetric weights. */
    INT6("int6", "quantization", "int6 weights, per-channel symmetric",
            () -> Quantization.linear(6).perChannel().symmetric().build()),
    /** Int4 per-channel symmetric weights. */
    INT4("int4", "quantization", "int4 weights, per-channel symmetric",
            () -> Quantization.linear(4).perChannel().symmetric().build()),
    /**
     * Int2 per-channel symmetric weights: the one-shot twin of {@link #INT2_FT} (small tier only: at two
     * bits only accuracy on real data says anything).
     */
    INT2("int2", "quantization", "int2 weights, per-channel symmetric",
            () -> Quantization.linear(2).perChannel().symmetric().build()),
    /** K-means codebook of 32 centroids per tensor (Deep Compression weight sharing). */
    KMEANS5("kmeans5", "quantization", "k-means codebook, 5-bit indices", () -> Quantization.kmeans(5).build()),
    /** Layer-wise magnitude pruning at 25 %. */
    PRUNE25("prune25", "pruning", "magnitude pruning 25 %, layer-wise", () -> Pruning.magnitude(0.25)),
    /** Layer-wise magnitude pruning at 50 %. */
    PRUNE50("prune50", "pruning", "magnitude pruning 50 %, layer-wise", () -> Pruning.magnitude(0.50)),
    /** Layer-wise magnitude pruning at 75 %. */
    PRUNE75("prune75", "pruning", "magnitude pruning 75 %, layer-wise", () -> Pruning.magnitude(0.75)),
    /** Layer-wise magnitude pruning at 90 %. */
    PRUNE90("prune90", "pruning", "magnitude pruning 90 %, layer-wise", () -> Pruning.magnitude(0.90)),
    /** Global magnitude pruning at 25 %. */
    GPRUNE25("gprune25", "pruning", "magnitude pruning 25 %, global", () -> Pruning.global(0.25)),
    /** Global magnitude pruning at 50 %. */
    GPRUNE50("gprune50", "pruning", "magnitude pruning 50 %, global", () -> Pruning.global(0.50)),
    /** Global magnitude pruning at 75 %. */
    GPRUNE75("gprune75", "pruning", "magnitude pruning 75 %, global", () -> Pruning.global(0.75)),
    /** Global magnitude pruning at 90 %. */
    GPRUNE90("gprune90", "pruning", "magnitude pruning 90 %, global", () -> Pruning.global(0.90)),
    /** 2:4 semi-structured pruning. */
    NM24("nm2of4", "pruning", "2:4 pruning", () -> Pruning.nOfM(2, 4)),
    /** Structured channel/filter pruning of 25 % with physical removal. */
    CHANNEL25("channel25", "pruning", "channel/filter pruning 25 %, removed", () -> ChannelPruning.ratio(0.25)),
    /** Structured channel/filter pruning of 50 % with physical removal. */
    CHANNEL50("channel50", "pruning", "channel/filter pruning 50 %, removed", () -> ChannelPruning.ratio(0.50)),
    /** 75 % magnitude pruning, then int8 per-channel weights. */
    PRUNE75_INT8("prune75_int8", "combined", "magnitude pruning 75 % then int8 per-channel",
            () -> Pruning.magnitude(0.75).then(Quantization.int8PerChannel())),
    /**
     * Deep Compression on any network: 90 % layer-wise magnitude pruning, a 5-bit k-means codebook of
     * the surviving weights, then entropy-coded storage of masks and indices
     * ({@link DeepCompressionHan#entropyCoding()}). {@link #DEEP_COMPRESSION_HAN} is the VGG-16
     * configuration of the paper.
     */
    DEEP_COMPRESSION("deep_compression", "combined",
            "magnitude pruning 90 % then k-means 5-bit, entropy-coded storage",
            () -> Pruning.magnitude(0.90).then(Quantization.kmeans(5).build()).then(DeepCompressionHan.entropyCoding())),
    /**
     * Deep Compression on VGG-16 as Han et al. set it ({@link DeepCompressionHan}): their per-layer
     * densities (7.61 % of this VGG-16's weights kept; Han et al. report 7.5 %), 8-bit (conv) and 5-bit
     * (fc) k-means codebooks, entropy-coded masks and indices. Defined for VGG-16's layer names only; on
     * other networks the cell is recorded as not applicable, with that message.
     */
    DEEP_COMPRESSION_HAN("deep_compression_han", "combined",
            "Han et al. VGG-16 densities, k-means 8-bit conv / 5-bit fc, entropy-coded storage",
            DeepCompressionHan::compressor),
    /**
     * int8 per-channel weights, then simulated int8 activations (asymmetric, per tensor) calibrated
     * with min-max ranges on sample inputs through the network's own forward pass.
     */
    INT8_ACT_MINMAX("int8_act_minmax", "quantization",
            "int8 per-channel weights + simulated int8 activations, min-max calibration",
            calibration -> Quantization.int8PerChannel().then(Quantization.activations(calibration)
                    .observer(Observers.minMax()).build()), true),
    /** As {@link #INT8_ACT_MINMAX}, calibrated with the 0.01th and 99.99th percentiles of each activation. */
    INT8_ACT_PERCENTILE("int8_act_percentile", "quantization",
            "int8 per-channel weights + simulated int8 activations, 99.99th-percentile calibration",
            calibration -> Quantization.int8PerChannel().then(Quantization.activations(calibration)
                    .observer(Observers.percentile(99.99)).build()), true),
    /** {@link #INT8_TENSOR}, run resident-quantized (weights stay int8 in memory). */
    INT8_TENSOR_RESIDENT("int8_tensor_resident", "quantization", "int8 per-tensor, resident-quantized runtime",
            Quantization::int8PerTensorAsymmetric, RuntimeMode.RESIDENT_QUANTIZED),
    /** {@link #INT8_CHANNEL}, run resident-quantized. */
    INT8_CHANNEL_RESIDENT("int8_channel_resident", "quantization", "int8 per-channel, resident-quantized runtime",
            Quantization::int8PerChannel, RuntimeMode.RESIDENT_QUANTIZED),
    /** {@link #INT4}, run resident-quantized. */
    INT4_RESIDENT("int4_resident", "quantization", "int4 per-channel, resident-quantized runtime",
            () -> Quantization.linear(4).perChannel().symmetric().build(), RuntimeMode.RESIDENT_QUANTIZED),
    /** {@link #KMEANS5}, run resident-quantized. */
    KMEANS5_RESIDENT("kmeans5_resident", "quantization", "k-means 5-bit, resident-quantized runtime",
            () -> Quantization.kmeans(5).build(), RuntimeMode.RESIDENT_QUANTIZED),
    /** {@link #PRUNE50}, then batch-norm statistics recomputed on unlabelled training images. */
    PRUNE50_RECAL(PRUNE50),
    /** {@link #PRUNE90}, then batch-norm statistics recomputed. */
    PRUNE90_RECAL(PRUNE90),
    /** {@link #CHANNEL50}, then batch-norm statistics recomputed. */
    CHANNEL50_RECAL(CHANNEL50),
    /** {@link #INT4}, then batch-norm statistics recomputed. */
    INT4_RECAL(INT4),
    /** {@link #INT2}, then batch-norm statistics recomputed. */
    INT2_RECAL(INT2),
    /** {@link #DEEP_COMPRESSION}, then batch-norm statistics recomputed. */
    DEEP_COMPRESSION_RECAL(DEEP_COMPRESSION),
    /**
     * The control of the fine-tuned settings: fp32 trained on for the same budget at quantization-aware
     * training's rate, stored as float32 (what more training alone gives).
     */
    FP32_FT(FP32, "float32, trained on for the fine-tuning budget (control)", FineTunings.uncompressed()),
    /** {@link #PRUNE50} reached while training: cubic schedule, masks held, batch norm recalibrated. */
    PRUNE50_FT(PRUNE50, "magnitude pruning 50 %, layer-wise, fine-tuned", FineTunings.unstructured(0.50)),
    /** {@link #PRUNE90} reached while training. */
    PRUNE90_FT(PRUNE90, "magnitude pruning 90 %, layer-wise, fine-tuned", FineTunings.unstructured(0.90)),
    /** {@link #CHANNEL50}, then the smaller network trained. */
    CHANNEL50_FT(CHANNEL50, "channel/filter pruning 50 %, removed, fine-tuned", FineTunings.channels(0.50)),
    /** {@link #INT4} by quantization-aware training. */
    INT4_FT(INT4, "int4 weights, per-channel symmetric, quantization-aware training",
            FineTunings.quantizationAware(4)),
    /** {@link #INT2} by quantization-aware training. */
    INT2_FT(INT2, "int2 weights, per-channel symmetric, quantization-aware training",
            FineTunings.quantizationAware(2)),
    /**
     * {@link #DEEP_COMPRESSION} retrained as Han et al. did: 90 % pruning with fine-tuning, then the 5-bit
     * k-means centroids trained (gradients summed per centroid), then entropy-coded storage.
     */
    DEEP_COMPRESSION_FT(DEEP_COMPRESSION, "magnitude pruning 90 % fine-tuned, then k-means 5-bit with trained "
            + "centroids, entropy-coded storage (Han et al.'s retraining)", FineTunings.deepCompression(0.90, 5));

    /**
     * The settings whose restored network runs fp32's arithmetic (stored in fewer bits but dequantized
     * at load, or pruned by masking weights to zero in dense layers): negative controls of latency.
     */
    private static final Set<Setting> CONTROLS = EnumSet.of(FP32, FP16, BF16, INT8_TENSOR, INT8_CHANNEL, INT6, INT4,
            KMEANS5, PRUNE25, PRUNE50, PRUNE75, PRUNE90, GPRUNE25, GPRUNE50, GPRUNE75, GPRUNE90, NM24, PRUNE75_INT8,
            DEEP_COMPRESSION, DEEP_COMPRESSION_HAN);

    private final String id;
    private final String family;
    private final String description;
    private final Function<INDArray[], Compressor> factory;
    private final RuntimeMode runtimeMode;
    private final boolean calibrated;
    private final Setting oneShot;
    private final Recovery recovery;
    private final FineTuning fineTuning;

    Setting(String id, String family, String description, Supplier<Compressor> factory) {
        this(id, family, description, factory, RuntimeMode.DEQUANTIZE_AT_LOAD);
    }

    Setting(String id, String family, String description, Supplier<Compressor> factory, RuntimeMode runtimeMode) {
        this(id, family, description, calibration -> factory.get(), runtimeMode, false);
    }

    Setting(String id, String family, String description, Function<INDArray[], Compressor> factory,
            boolean calibrated) {
        this(id, family, description, factory, RuntimeMode.DEQUANTIZE_AT_LOAD, calibrated);
    }

    Setting(String id, String family, String description, Function<INDArray[], Compressor> factory,
            RuntimeMode runtimeMode, boolean calibrated) {
        this(id, family, description, factory, runtimeMode, calibrated, null, Recovery.ONE_SHOT, null);
    }

    /** The recalibrated twin of a one-shot setting: its compressor, then batch-norm recalibration. */
    Setting(Setting oneShot) {
        this(oneShot.id + "_recal", oneShot.family, oneShot.description + ", batch norm recalibrated",
                calibration -> oneShot.compressor().then(BatchNormRecalibration.of(calibration)),
                oneShot.runtimeMode, true, oneShot, Recovery.RECALIBRATED, null);
    }

    /** The fine-tuned twin of a one-shot setting. */
    Setting(Setting oneShot, String description, FineTuning fineTuning) {
        this(oneShot.id + "_ft", oneShot.family, description, calibration -> {
            throw new IllegalStateException("setting '" + oneShot.id + "_ft' trains on labelled data: use fineTune");
        }, oneShot.runtimeMode, false, oneShot, Recovery.FINE_TUNED, fineTuning);
    }

    Setting(String id, String family, String description, Function<INDArray[], Compressor> factory,
            RuntimeMode runtimeMode, boolean calibrated, Setting oneShot, Recovery recovery, FineTuning fineTuning) {
        this.id = id;
        this.family = family;
        this.description = description;
        this.factory = factory;
        this.runtimeMode = runtimeMode;
        this.calibrated = calibrated;
        this.oneShot = oneShot == null ? this : oneShot;
        this.recovery = recovery;
        this.fineTuning = fineTuning;
    }

    /**
     * How this setting recovers accuracy: {@link Recovery#ONE_SHOT} for the study's grid, or the
     * recalibrated ({@code _recal}) and fine-tuned ({@code _ft}) twins of the small tier.
     *
     * @return the recovery
     */
    public Recovery recovery() {
        return recovery;
    }

    /**
     * The one-shot setting this one recovers from (the same compression without recovery); itself for
     * a one-shot setting.
     *
     * @return the one-shot twin
     */
    public Setting oneShot() {
        return oneShot;
    }

    /**
     * Whether the setting belongs to the small tier only: it needs training images (recalibration),
     * labelled training data (fine-tuning) or, for {@link #INT2}, real data to say anything. The full
     * tier's grid leaves these out.
     *
     * @return true for the small tier's recovery settings and int2
     */
    public boolean smallTierOnly() {
        return recovery != Recovery.ONE_SHOT || this == INT2;
    }

    /**
     * Whether the setting trains on labelled data ({@link #fineTune}) instead of compressing directly.
     *
     * @return true for the {@code _ft} settings
     */
    public boolean fineTuned() {
        return fineTuning != null;
    }

    /**
     * Trains a copy of the network on labelled data within the budget and compresses it.
     *
     * @param trained the trained network; not modified
     * @param train labelled minibatches (one features and one labels array per graph input and output); must support {@code reset()}
     * @param budget the most epochs and wall time
     * @param learningRate the optimiser's learning rate while fine-tuning
     * @return the compression and what the training spent
     * @throws IllegalStateException if the setting does not fine-tune
     */
    public FineTuning.Outcome fineTune(ComputationGraph trained, MultiDataSetIterator train, FineTuningBudget budget,
            double learningRate) {
        if (fineTuning == null) {
            throw new IllegalStateException("setting '" + id + "' does not fine-tune: use compressor()");
        }
        return fineTuning.fineTune(trained, train, budget, learningRate);
    }

    /**
     * Whether the setting calibrates on sample inputs (simulated activation quantization): build it
     * with {@link #compressor(INDArray[])}.
     *
     * @return true for the {@code _act_} settings
     */
    public boolean needsCalibration() {
        return calibrated;
    }

    /**
     * Returns how the artifact is restored for inference: decoded to an fp32 network at load
     * ({@code DEQUANTIZE_AT_LOAD}, every setting but the {@code _resident} ones) or with the weights
     * kept quantized in memory ({@code RESIDENT_QUANTIZED}).
     */
    public RuntimeMode runtimeMode() {
        return runtimeMode;
    }

    /**
     * Whether the restored network runs the same dense fp32 arithmetic as the uncompressed one (fp32
     * itself, every setting dequantized at load, masked pruning), so that its latency must come out
     * "same" as fp32's: a negative control. Simulated activation quantization, channel pruning and the
     * resident runtime are not controls.
     *
     * @return true for a control
     */
    public boolean control() {
        return CONTROLS.contains(this);
    }

    /** Returns the short identifier used in records and on the command line, e.g. {@code int8_channel}. */
    public String id() {
        return id;
    }

    /** Returns the family: {@code baseline}, {@code quantization}, {@code pruning} or {@code combined}. */
    public String family() {
        return family;
    }

    /** Returns a one-line human-readable description. */
    public String description() {
        return description;
    }

    /**
     * Returns a new compressor for this setting.
     *
     * @return the compressor
     * @throws IllegalStateException if the setting {@link #needsCalibration() needs calibration inputs}
     */
    public Compressor compressor() {
        if (fineTuning != null) {
            throw new IllegalStateException("setting '" + id + "' trains on labelled data: use fineTune");
        }
        if (calibrated) {
            throw new IllegalStateException("setting '" + id + "' calibrates activations on sample inputs:"
                    + " build it with compressor(calibration)");
        }
        return factory.apply(null);
    }

    /**
     * Returns a new compressor for this setting, calibrated on {@code calibration} where the setting
     * calibrates (other settings ignore it).
     *
     * @param calibration sample inputs of the network (one array per network input, batch first);
     *     use inputs other than those the result is evaluated on
     * @return the compressor
     * @throws IllegalArgumentException if the setting needs calibration and none is given
     */
    public Compressor compressor(INDArray[] calibration) {
        if (calibrated && (calibration == null || calibration.length == 0)) {
            throw new IllegalArgumentException("setting '" + id + "' needs calibration inputs, got none");
        }
        return factory.apply(calibration);
    }

    /**
     * Returns the full tier's grid: every setting but the {@link #smallTierOnly() small tier's own}.
     *
     * @return the settings in declaration order
     */
    public static List<Setting> fullTier() {
        return Arrays.stream(values()).filter(s -> !s.smallTierOnly()).toList();
    }

    /**
     * Returns the settings of the quick run: fp32, fp16, int8 per-channel both ways (dequantized at
     * load and resident-quantized: the source paper's "smaller, sometimes slower" trade-off) and 50 %
     * magnitude pruning.
     */
    public static List<Setting> quick() {
        return List.of(FP32, FP16, INT8_CHANNEL, INT8_CHANNEL_RESIDENT, PRUNE50);
    }

    /**
     * Returns the setting with the given identifier.
     *
     * @param id an identifier such as {@code fp16} (case-insensitive)
     * @return the setting
     * @throws IllegalArgumentException if no setting has that identifier, listing the known ones
     */
    public static Setting byId(String id) {
        for (Setting s : values()) {
            if (s.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        List<String> known = new ArrayList<>();
        for (Setting s : values()) {
            known.add(s.id);
        }
        throw new IllegalArgumentException("no setting with id '" + id + "'; known: " + String.join(", ", known));
    }
}
