package dev.compressor.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per tensor, per layer and total: parameters, non-zeros, bits per weight, SQNR and maximum
 * absolute error of a compression, and the compression time. Immutable.
 */
public final class CompressionReport {

    private final String settings;
    private final List<TensorReport> tensors;
    private final long originalParameters;
    private final long nanos;

    CompressionReport(String settings, List<TensorReport> tensors, long originalParameters, long nanos) {
        this.settings = settings;
        this.tensors = List.copyOf(tensors);
        this.originalParameters = originalParameters;
        this.nanos = nanos;
    }

    /** The compressor's description. @return the settings */
    public String settings() {
        return settings;
    }

    /** One report per tensor, in flat-vector order. @return the reports */
    public List<TensorReport> tensors() {
        return tensors;
    }

    /** One report per layer, in order of first appearance. @return the reports */
    public List<TensorReport> layers() {
        Map<String, TensorReport> m = new LinkedHashMap<>();
        for (TensorReport t : tensors) {
            m.merge(t.layerName(), new TensorReport(t.layerName(), t.layerName(), null, t.encoding(), t.parameters(),
                    t.nonZeros(), t.encodedBytes(), t.signalEnergy(), t.noiseEnergy(), t.maxAbsError()),
                    (a, b) -> a.plus(a.name(), a.layerName(), b));
        }
        return new ArrayList<>(m.values());
    }

    /** The whole network. @return the total */
    public TensorReport total() {
        TensorReport total = new TensorReport("total", "", null, tensors.isEmpty() ? "" : tensors.get(0).encoding(),
                0, 0, 0, 0, 0, 0);
        for (TensorReport t : tensors) {
            total = total.plus("total", "", t);
        }
        return total;
    }

    /**
     * Raw fp32 size of the original network's parameters divided by the encoded size (before outer
     * compression).
     *
     * @return the ratio
     */
    public double compressionRatio() {
        long bytes = total().encodedBytes();
        return bytes == 0 ? 0 : 4.0 * originalParameters / bytes;
    }

    /** Time the compression took, in nanoseconds. @return the time */
    public long compressionNanos() {
        return nanos;
    }

    /**
     * A fixed-width text table of the layers and the total.
     *
     * @return the table
     */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        String fmt = "%-28s %-24s %12s %12s %8s %9s %12s%n";
        sb.append(String.format(Locale.ROOT, fmt, "layer", "encoding", "params", "non-zeros", "bits/w", "SQNR dB",
                "max |err|"));
        List<TensorReport> rows = new ArrayList<>(layers());
        rows.add(total());
        for (TensorReport r : rows) {
            sb.append(String.format(Locale.ROOT, "%-28s %-24s %12d %12d %8.2f %9s %12.3g%n", abbreviate(r.name(), 28),
                    abbreviate(r.encoding(), 24), r.parameters(), r.nonZeros(), r.bitsPerWeight(), sqnr(r),
                    r.maxAbsError()));
        }
        sb.append(String.format(Locale.ROOT, "settings: %s; ratio to fp32 parameters: %.2fx; %.1f ms%n", settings,
                compressionRatio(), nanos / 1e6));
        return sb.toString();
    }

    private static String sqnr(TensorReport r) {
        double s = r.sqnrDb();
        return Double.isInfinite(s) ? "exact" : String.format(Locale.ROOT, "%.1f", s);
    }

    private static String abbreviate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }
}
