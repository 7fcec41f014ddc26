package dev.compressor.examples.study;

import dev.compressor.examples.fidelity.Fidelity;
import dev.compressor.api.profile.PairedComparison;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one cell of the sweep measured, or why it failed. A failed cell keeps its key and error;
 * its measurements are absent ({@code null}, or -1 for byte counts and times). Immutable; one line
 * of the {@link ResultStore}.
 *
 * @param key network, setting, tier
 * @param error null when the cell succeeded, else what went wrong
 * @param settingDescription the compressor's own description, e.g. {@code fp16(all)}
 * @param parameterCount scalar parameters of the network, -1 if unknown
 * @param referenceBytes size in bytes of the fp32 network written by DL4J's ModelSerializer
 *     (uncompressed-updater-less zip), -1 if unknown
 * @param artifactBytes artifact size in bytes per outer compression name ({@code NONE}, {@code GZIP},
 *     {@code ZSTD}, ...)
 * @param compressionNanos wall time of {@code Compressor.compress}, nanoseconds
 * @param loadNanos wall time to read the ZSTD artifact file and restore the network, nanoseconds
 * @param residentBytes process resident set size after the measured inferences, bytes (-1 unknown)
 * @param offHeapBytes ND4J off-heap bytes after the measured inferences (-1 unknown)
 * @param weightBytes resident weight memory of the restored network: encoded blobs, expansion
 *     scratch and fp32 parameters, bytes (-1 unknown)
 * @param latency latency and throughput at batch 1, or null
 * @param largeBatchLatency latency and throughput at the sweep's larger batch, or null when not measured
 * @param energy energy per inference, or null
 * @param fidelity fidelity of the output logits (pre-softmax) against the fp32 network on the same
 *     input, or null
 * @param provenance the artifact's provenance entries (library version, seed, JVM, OS, ...; small-tier
 *     cells add the trained weights' {@code weights.*} entries)
 * @param accuracy accuracy on real data (small tier image networks), or null (full tier, the
 *     translation model, failed cells, and records written before this field existed)
 * @param translation BLEU of the small-tier translation model on real test pairs, or null (every
 *     other cell, failed cells, and records written before this field existed)
 * @param paired latency (and energy) of the cell measured in interleaved rounds with the fp32 network
 *     in the same JVM, as ratios with 95 % intervals and verdicts; null for the small tier, failed and
 *     not-applicable cells, and records written before this field existed
 * @param notApplicable why the setting does not apply to this network (the cell is then neither
 *     measured nor failed), or null
 */
public record CellRecord(CellKey key, String error, String settingDescription, long parameterCount,
        long referenceBytes, Map<String, Long> artifactBytes, long compressionNanos, long loadNanos,
        long residentBytes, long offHeapBytes, long weightBytes, Latency latency, Latency largeBatchLatency, Energy energy,
        Fidelity fidelity,
        Map<String, String> provenance, Accuracy accuracy, Translation translation, Paired paired,
        String notApplicable) {

    /** The tier of the small, trained networks whose cells carry an {@link Accuracy} or a {@link Translation}. */
    public static final String SMALL_TIER = "small";

    /**
     * Top-1 and top-5 accuracy of the network the artifact restores to, on a labelled test split,
     * next to the uncompressed network's accuracy on the same examples. Immutable.
     *
     * @param top1 fraction of test examples whose highest-scoring class is the label, in [0, 1]
     * @param top5 fraction whose label is among the five highest-scoring classes, in [0, 1]
     * @param fp32Top1 top-1 of the uncompressed trained network on the same examples
     * @param fp32Top5 top-5 of the uncompressed trained network on the same examples
     * @param testExamples number of test examples evaluated, at least 1
     * @param dataSource where the test split came from (for the report), e.g. a directory
     */
    public record Accuracy(double top1, double top5, double fp32Top1, double fp32Top5, int testExamples,
                           String dataSource) {

        /**
         * Checks the values.
         *
         * @throws IllegalArgumentException if a fraction is outside [0, 1] or there are no examples
         */
        public Accuracy {
            for (double v : new double[] {top1, top5, fp32Top1, fp32Top5}) {
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException("accuracies must be in [0, 1], got top1=" + top1 + " top5="
                            + top5 + " fp32Top1=" + fp32Top1 + " fp32Top5=" + fp32Top5);
                }
            }
            if (testExamples < 1) {
                throw new IllegalArgumentException("testExamples must be >= 1, got " + testExamples);
            }
            Objects.requireNonNull(dataSource, "dataSource");
        }

        /** Returns the top-1 change against fp32 in percentage points (negative = worse). */
        public double top1DeltaPoints() {
            return 100 * (top1 - fp32Top1);
        }
    }

    /**
     * Corpus BLEU of the translation model the artifact restores to, on the leading pairs of a test
     * split, next to the uncompressed model's BLEU and the copy-the-source baseline on the same pairs.
     * Immutable.
     *
     * @param bleu sacreBLEU corpus BLEU of the restored model, on the 0-100 scale
     * @param fp32Bleu BLEU of the uncompressed trained model on the same pairs, 0-100
     * @param copyBaselineBleu BLEU of the untranslated source sentences on the same pairs, 0-100
     * @param testPairs number of test pairs scored, at least 1
     * @param dataSource where the test pairs came from (for the report), e.g. a catalog directory
     * @param detail the restored model's score in sacreBLEU's format (n-gram precisions, brevity penalty)
     */
    public record Translation(double bleu, double fp32Bleu, double copyBaselineBleu, int testPairs,
                              String dataSource, String detail) {

        /**
         * Checks the values.
         *
         * @throws IllegalArgumentException if a score is outside [0, 100] or there are no test pairs
         */
        public Translation {
            for (double v : new double[] {bleu, fp32Bleu, copyBaselineBleu}) {
                if (!(v >= 0 && v <= 100)) {
                    throw new IllegalArgumentException("BLEU scores must be in [0, 100], got bleu=" + bleu
                            + " fp32Bleu=" + fp32Bleu + " copyBaselineBleu=" + copyBaselineBleu);
                }
            }
            if (testPairs < 1) {
                throw new IllegalArgumentException("testPairs must be >= 1, got " + testPairs);
            }
            Objects.requireNonNull(dataSource, "dataSource");
            Objects.requireNonNull(detail, "detail");
        }

        /** Returns the BLEU change against fp32, in BLEU points (negative = worse). */
        public double bleuDeltaPoints() {
            return bleu - fp32Bleu;
        }
    }

    /**
     * A record without an accuracy or translation block (the full tier): the canonical constructor
     * with {@code accuracy = null, translation = null}.
     *
     * @param key network, setting, tier
     * @param error null when the cell succeeded
     * @param settingDescription the compressor's description
     * @param parameterCount scalar parameters, -1 if unknown
     * @param referenceBytes fp32 ModelSerializer bytes, -1 if unknown
     * @param artifactBytes artifact bytes per outer compression
     * @param compressionNanos compression wall time, ns
     * @param loadNanos load wall time, ns
     * @param residentBytes resident set size, bytes
     * @param offHeapBytes ND4J off-heap bytes
     * @param weightBytes resident weight memory, bytes
     * @param latency batch-1 latency, or null
     * @param largeBatchLatency larger-batch latency, or null
     * @param energy energy, or null
     * @param fidelity logit fidelity, or null
     * @param provenance provenance entries
     */
    public CellRecord(CellKey key, String error, String settingDescription, long parameterCount,
            long referenceBytes, Map<String, Long> artifactBytes, long compressionNanos, long loadNanos,
            long residentBytes, long offHeapBytes, long weightBytes, Latency latency, Latency largeBatchLatency,
            Energy energy, Fidelity fidelity, Map<String, String> provenance) {
        this(key, error, settingDescription, parameterCount, referenceBytes, artifactBytes, compressionNanos,
                loadNanos, residentBytes, offHeapBytes, weightBytes, latency, largeBatchLatency, energy, fidelity,
                provenance, null, null, null, null);
    }

    /**
     * A record with an accuracy block and no translation block (the small tier's image networks): the
     * canonical constructor with {@code translation = null}.
     *
     * @param key network, setting, tier
     * @param error null when the cell succeeded
     * @param settingDescription the compressor's description
     * @param parameterCount scalar parameters, -1 if unknown
     * @param referenceBytes fp32 ModelSerializer bytes, -1 if unknown
     * @param artifactBytes artifact bytes per outer compression
     * @param compressionNanos compression wall time, ns
     * @param loadNanos load wall time, ns
     * @param residentBytes resident set size, bytes
     * @param offHeapBytes ND4J off-heap bytes
     * @param weightBytes resident weight memory, bytes
     * @param latency batch-1 latency, or null
     * @param largeBatchLatency larger-batch latency, or null
     * @param energy energy, or null
     * @param fidelity logit fidelity, or null
     * @param provenance provenance entries
     * @param accuracy accuracy on real data, or null
     */
    public CellRecord(CellKey key, String error, String settingDescription, long parameterCount,
            long referenceBytes, Map<String, Long> artifactBytes, long compressionNanos, long loadNanos,
            long residentBytes, long offHeapBytes, long weightBytes, Latency latency, Latency largeBatchLatency,
            Energy energy, Fidelity fidelity, Map<String, String> provenance, Accuracy accuracy) {
        this(key, error, settingDescription, parameterCount, referenceBytes, artifactBytes, compressionNanos,
                loadNanos, residentBytes, offHeapBytes, weightBytes, latency, largeBatchLatency, energy, fidelity,
                provenance, accuracy, null, null, null);
    }

    /**
     * Latency at one batch size.
     *
     * @param batchSize samples per inference
     * @param count measured inferences
     * @param p50Nanos median latency, ns
     * @param p90Nanos 90th percentile, ns
     * @param p99Nanos 99th percentile, ns
     * @param inferencesPerSecond throughput, inferences per second
     */
    public record Latency(int batchSize, long count, long p50Nanos, long p90Nanos, long p99Nanos,
            double inferencesPerSecond) {
    }

    /**
     * Energy over the measured inferences.
     *
     * @param meter the meter's name
     * @param estimated whether the meter estimates rather than measures
     * @param joulesPerInference joules per inference (gross)
     * @param averageWatts average power over the measured phase, watts
     */
    public record Energy(String meter, boolean estimated, double joulesPerInference, double averageWatts) {
    }

    /** Copies the maps (sorted) and checks the key. */
    public CellRecord {
        Objects.requireNonNull(key, "key");
        artifactBytes = Map.copyOf(new TreeMap<>(artifactBytes == null ? Map.of() : artifactBytes));
        provenance = Map.copyOf(new TreeMap<>(provenance == null ? Map.of() : provenance));
    }

    /**
     * A failed cell.
     *
     * @param key the cell
     * @param error what went wrong
     * @return the record
     */
    public static CellRecord failed(CellKey key, String error) {
        return new CellRecord(key, Objects.requireNonNull(error, "error"), null, -1, -1, Map.of(), -1, -1, -1, -1,
                -1, null, null, null, null, Map.of(), null, null, null, null);
    }

    /**
     * A cell whose setting does not apply to its network (for example Han et al.'s VGG-16 densities on
     * a network without VGG-16's layer names, or channel pruning that finds nothing to remove): neither
     * measured nor failed.
     *
     * @param key the cell
     * @param reason why the setting does not apply
     * @return the record
     */
    public static CellRecord notApplicable(CellKey key, String reason) {
        return new CellRecord(key, null, null, -1, -1, Map.of(), -1, -1, -1, -1, -1, null, null, null, null, Map.of(),
                null, null, null, Objects.requireNonNull(reason, "reason"));
    }

    /**
     * This record with its paired measurement.
     *
     * @param p the paired latency and energy
     * @return a new record
     */
    public CellRecord withPaired(Paired p) {
        return new CellRecord(key, error, settingDescription, parameterCount, referenceBytes, artifactBytes,
                compressionNanos, loadNanos, residentBytes, offHeapBytes, weightBytes, latency, largeBatchLatency, energy,
                fidelity, provenance, accuracy, translation, p, notApplicable);
    }

    /**
     * Latency and energy of a cell measured in the same interleaved rounds as the fp32 network (and, for
     * a resident-quantized setting, its dequantize-at-load twin), as ratios with 95 % paired-bootstrap
     * intervals ({@link PairedComparison}). Immutable.
     *
     * @param rounds measured rounds
     * @param warmupRounds warm-up rounds before them
     * @param warmupSettled whether latency settled within the warm-up
     * @param control whether the setting runs fp32's arithmetic, so its ratio must come out "same" (a
     *     negative control)
     * @param fp32P50Nanos the fp32 network's median latency in the same rounds, ns
     * @param latencyVsFp32 the setting's latency against fp32's
     * @param latencyVsTwin a resident setting's latency against its dequantize-at-load twin, or null
     * @param energyVsFp32 energy per inference against fp32's, or null without a meter
     * @param energyEstimated whether that energy is an estimate (CPU time x a constant): then it is latency
     *     in other units and no finding is drawn from it
     * @param idleWatts the idle power subtracted from every turn's energy, watts (NaN when none was measured:
     *     always with an estimating meter)
     * @param samplesPerSecond the energy meter's mean sample rate over the measured turns (NaN if unknown)
     */
    public record Paired(int rounds, int warmupRounds, boolean warmupSettled, boolean control, long fp32P50Nanos,
                         PairedComparison latencyVsFp32, PairedComparison latencyVsTwin, PairedComparison energyVsFp32,
                         boolean energyEstimated, double idleWatts, double samplesPerSecond) {

        /** Checks the required parts. */
        public Paired {
            Objects.requireNonNull(latencyVsFp32, "latencyVsFp32");
            if (rounds < 1) {
                throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
            }
        }
    }

    /** Returns whether the cell was measured without error (false for failed and not-applicable cells). */
    public boolean ok() {
        return error == null && notApplicable == null;
    }

    /** Returns whether measuring the cell failed (a not-applicable cell has not failed). */
    public boolean failed() {
        return error != null;
    }

    /** Returns whether the setting applies to the cell's network. */
    public boolean applicable() {
        return notApplicable == null;
    }

    /**
     * The compression ratio against the fp32 ModelSerializer file for one outer compression.
     *
     * @param outer an outer compression name such as {@code ZSTD}
     * @return {@code referenceBytes / artifactBytes}, or NaN if either is unknown
     */
    public double ratio(String outer) {
        Long a = artifactBytes.get(outer);
        return a == null || a <= 0 || referenceBytes <= 0 ? Double.NaN : (double) referenceBytes / a;
    }

    /** Returns this record as one line of JSON (no line break). */
    public String toJson() {
        return CellRecordJson.write(this);
    }

    /**
     * Parses one line written by {@link #toJson()}.
     *
     * @param line the JSON text
     * @return the record
     * @throws IllegalArgumentException if the line is not a complete record
     */
    public static CellRecord fromJson(String line) {
        return CellRecordJson.read(line);
    }
}
