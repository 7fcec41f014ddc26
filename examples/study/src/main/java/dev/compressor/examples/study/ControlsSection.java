package dev.compressor.examples.study;

import dev.compressor.api.profile.PairedComparison;
import dev.compressor.api.profile.PairedComparison.Verdict;
import dev.compressor.examples.settings.Setting;
import java.util.List;
import java.util.Locale;

/**
 * The report's section on the negative controls of latency: the cells whose setting runs fp32's
 * arithmetic ({@link Setting#control()}: fp32 against itself, settings dequantized at load, masked
 * pruning) must come out "same" as fp32 in the paired comparison. It prints their spread and each
 * control, and marks the run noisy, naming the controls, when one does not come out "same".
 * Stateless.
 */
final class ControlsSection {

    private ControlsSection() {
    }

    /**
     * The control cells measured with the paired protocol.
     *
     * @param records full-tier cells
     * @return the successful cells whose paired block says they are controls
     */
    static List<CellRecord> controls(List<CellRecord> records) {
        return records.stream().filter(r -> r.ok() && r.paired() != null && r.paired().control()).toList();
    }

    /**
     * The controls that did not come out "same".
     *
     * @param records full-tier cells
     * @return those control cells, in record order
     */
    static List<CellRecord> failing(List<CellRecord> records) {
        return controls(records).stream().filter(r -> r.paired().latencyVsFp32().verdict() != Verdict.SAME).toList();
    }

    /**
     * Appends the section.
     *
     * @param b the report so far
     * @param records full-tier cells
     */
    static void append(StringBuilder b, List<CellRecord> records) {
        b.append("## Negative controls\n\n");
        List<CellRecord> controls = controls(records);
        if (controls.isEmpty()) {
            b.append("No control cell with a paired latency in these records (records written before the paired "
                    + "protocol carry none): this run's latency differences cannot be told from noise.\n\n");
            return;
        }
        double lo = Double.MAX_VALUE;
        double hi = 0;
        double widest = 0;
        for (CellRecord r : controls) {
            PairedComparison c = r.paired().latencyVsFp32();
            lo = Math.min(lo, c.ratio());
            hi = Math.max(hi, c.ratio());
            widest = Math.max(widest, c.upper() - c.lower());
        }
        b.append(String.format(Locale.ROOT, "Settings that run fp32's arithmetic (fp32 against itself, settings "
                + "dequantized at load, masked pruning) must come out \"same\" as fp32: a 95 %% interval within "
                + "%.0f %% of 1. %d controls: ratios %.3f to %.3f, widest interval %.3f.%n%n",
                100 * controls.get(0).paired().latencyVsFp32().margin(), controls.size(), lo, hi, widest));
        List<CellRecord> failing = failing(records);
        if (failing.isEmpty()) {
            b.append("**Every control came out \"same\"**: the latency verdicts below rest on a quiet run.\n\n");
        } else {
            b.append(String.format(Locale.ROOT, "**NOISY RUN: %d of %d controls did not come out \"same\"** (%s). "
                    + "Latency verdicts within the spread of the controls are not to be trusted; measure again on an "
                    + "idle machine.%n%n", failing.size(), controls.size(), String.join(", ", failing.stream()
                    .map(r -> r.key().network() + "/" + r.key().setting() + " " + LatencyText.comparison(
                            r.paired().latencyVsFp32())).toList())));
        }
        b.append("| network | control | latency vs fp32 [95 % interval] | verdict | rounds |\n"
                + "| --- | --- | ---: | --- | ---: |\n");
        for (CellRecord r : controls) {
            PairedComparison c = r.paired().latencyVsFp32();
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d |%n", r.key().network(), r.key().setting(),
                    c.format(), c.verdict().latencyWord(), c.rounds()));
        }
        b.append('\n');
    }
}
