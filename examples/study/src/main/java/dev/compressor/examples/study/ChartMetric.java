package dev.compressor.examples.study;

import dev.compressor.api.profile.PairedComparison;
import dev.compressor.api.profile.PairedComparison.Verdict;

/**
 * A metric of the full-tier charts, read from a cell and, for the ratios, the fp32 cell of the same
 * network: the artifact's size reduction, latency, weight memory and energy against fp32, and the
 * logits' relative L2 error. Each metric knows the question its charts answer. Immutable.
 */
enum ChartMetric {

    /** fp32 DL4J file bytes over the zstd artifact's bytes (higher = smaller artifact). */
    SIZE("size", "ratio.png", "How many times smaller than the fp32 DL4J file is each setting's zstd artifact?",
            "fp32 file / zstd artifact (x, log scale; above 1 = smaller)", "x smaller", true),
    /** Batch-1 latency over fp32's, paired rounds with a 95 % interval when recorded. */
    LATENCY("latency", "latency.png", "Is each setting faster or slower than fp32 at batch 1?",
            "latency / fp32 latency (ratio, log scale; below 1 = faster)", "x fp32", false),
    /** Resident weight memory over fp32's. */
    MEMORY("memory", "memory.png", "How much weight memory does each setting hold next to fp32?",
            "weight memory / fp32 weight memory (ratio, log scale; below 1 = less)", "x fp32", false),
    /** Energy per inference over fp32's, paired rounds with a 95 % interval when recorded. */
    ENERGY("energy", "energy.png", "Does each setting use less energy per inference than fp32?",
            "energy per inference / fp32's (ratio, log scale; below 1 = less)", "x fp32", false),
    /** Relative L2 error of the logits against fp32 on the same input (not a ratio). */
    FIDELITY("fidelity", null, "How far do each setting's logits drift from fp32's?",
            "relative L2 error of the logits vs fp32 (log scale; 0 = bit-exact)", "rel. L2", false);

    /** What the energy charts add to their title and legend when the energy is an estimate. */
    static final String ESTIMATE = "ESTIMATE (CPU time x constant), not a sensor";

    private final String id;
    private final String ratioFile;
    private final String question;
    private final String axisLabel;
    private final String shortUnit;
    private final boolean higherIsBetter;

    ChartMetric(String id, String ratioFile, String question, String axisLabel, String shortUnit,
            boolean higherIsBetter) {
        this.id = id;
        this.ratioFile = ratioFile;
        this.question = question;
        this.axisLabel = axisLabel;
        this.shortUnit = shortUnit;
        this.higherIsBetter = higherIsBetter;
    }

    /** What a chart shows for one cell: a value, or why there is none. */
    enum Kind {
        /** A measured value. */
        VALUE,
        /** The setting does not apply to the network. */
        NOT_APPLICABLE,
        /** Measuring the cell failed. */
        FAILED,
        /** No record, or the value (or fp32's) is unknown. */
        MISSING
    }

    /**
     * One cell of a metric.
     *
     * @param kind value or why none
     * @param value the ratio (or relative L2), NaN without one
     * @param lower lower end of its 95 % interval (= value when there is no interval)
     * @param upper upper end (= value when there is no interval)
     * @param verdict the paired verdict, or null when unpaired or not a paired metric
     * @param control whether the setting is a negative control (must come out "same")
     * @param estimated whether the value rests on an estimated energy
     * @param note a second line for a heatmap cell ("" for none)
     */
    record Value(Kind kind, double value, double lower, double upper, Verdict verdict, boolean control,
            boolean estimated, String note) {

        static final Value NOT_APPLICABLE = of(Kind.NOT_APPLICABLE);
        static final Value FAILED = of(Kind.FAILED);
        static final Value MISSING = of(Kind.MISSING);

        private static Value of(Kind kind) {
            return new Value(kind, Double.NaN, Double.NaN, Double.NaN, null, false, false, "");
        }

        static Value plain(double v, String note) {
            return Double.isNaN(v) ? MISSING : new Value(Kind.VALUE, v, v, v, null, false, false, note);
        }

        /** Whether a control came out other than "same". */
        boolean controlBroken() {
            return control && verdict != null && verdict != Verdict.SAME;
        }
    }

    /** Returns the file-name stem, e.g. {@code latency}. */
    String id() {
        return id;
    }

    /** Returns the file name of the ratio chart, or null for a metric drawn only as a heatmap. */
    String ratioFile() {
        return ratioFile;
    }

    /** Returns the file name of the heatmap. */
    String heatmapFile() {
        return "heatmap-" + id + ".png";
    }

    /** Returns the axis (or colour scale) label with its unit. */
    String axisLabel(boolean estimated) {
        return estimated ? axisLabel + " - " + ESTIMATE : axisLabel;
    }

    /** Returns the unit next to a network's name on a ratio chart's axis. */
    String shortUnit() {
        return shortUnit;
    }

    /** Returns the question the charts answer, with the estimate warning when the energy is estimated. */
    String question(boolean estimated) {
        return estimated ? question + " - " + ESTIMATE : question;
    }

    /** Returns whether higher values are better (the size reduction), so the colour scale is reversed. */
    boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Returns whether the metric is a ratio to fp32 whose paired verdicts are drawn. */
    boolean paired() {
        return this == LATENCY || this == ENERGY;
    }

    /**
     * The cell's value.
     *
     * @param r the cell
     * @param fp32 the measured fp32 cell of the same network, or null
     * @return the value, or why there is none
     */
    Value value(CellRecord r, CellRecord fp32) {
        if (!r.applicable()) {
            return Value.NOT_APPLICABLE;
        }
        if (r.failed()) {
            return Value.FAILED;
        }
        return switch (this) {
            case SIZE -> Value.plain(r.ratio("ZSTD"), "");
            case MEMORY -> fp32 == null || r.weightBytes() <= 0 || fp32.weightBytes() <= 0 ? Value.MISSING
                    : Value.plain((double) r.weightBytes() / fp32.weightBytes(), "");
            case LATENCY -> latency(r, fp32);
            case ENERGY -> energy(r, fp32);
            case FIDELITY -> r.fidelity() == null ? Value.MISSING : Value.plain(r.fidelity().relativeL2(),
                    String.format(java.util.Locale.ROOT, "agree %.1f%%", 100 * r.fidelity().top1Agreement()));
        };
    }

    private static Value latency(CellRecord r, CellRecord fp32) {
        CellRecord.Paired p = r.paired();
        if (p != null) {
            return paired(p.latencyVsFp32(), p.control(), false, p.latencyVsFp32().verdict().latencyWord());
        }
        if (r.latency() == null || fp32 == null || fp32.latency() == null || fp32.latency().p50Nanos() <= 0) {
            return Value.MISSING;
        }
        return unpaired((double) r.latency().p50Nanos() / fp32.latency().p50Nanos(), r == fp32, false);
    }

    private static Value energy(CellRecord r, CellRecord fp32) {
        CellRecord.Paired p = r.paired();
        if (p != null && p.energyVsFp32() != null) {
            return paired(p.energyVsFp32(), p.control(), p.energyEstimated(), p.energyVsFp32().verdict().costWord());
        }
        if (r.energy() == null || fp32 == null || fp32.energy() == null || !(fp32.energy().joulesPerInference() > 0)) {
            return Value.MISSING;
        }
        return unpaired(r.energy().joulesPerInference() / fp32.energy().joulesPerInference(), r == fp32,
                r.energy().estimated() || fp32.energy().estimated());
    }

    private static Value paired(PairedComparison c, boolean control, boolean estimated, String word) {
        String symbol = switch (c.verdict()) {
            case LOWER -> "\u25BC ";
            case SAME -> "= ";
            case HIGHER -> "\u25B2 ";
            case UNDECIDED -> "? ";
        };
        String note = symbol + word;
        if (control) {
            note = c.verdict() == Verdict.SAME ? note + " (ctl)" : "CTL! " + note;
        }
        return new Value(Kind.VALUE, c.ratio(), c.lower(), c.upper(), c.verdict(), control, estimated, note);
    }

    private static Value unpaired(double ratio, boolean reference, boolean estimated) {
        return new Value(Kind.VALUE, ratio, ratio, ratio, null, false, estimated, reference ? "reference" : "unpaired");
    }
}
