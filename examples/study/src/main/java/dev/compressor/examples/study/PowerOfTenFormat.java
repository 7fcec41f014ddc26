package dev.compressor.examples.study;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * Formats an exponent {@code e} as the number {@code 10^e} (a colour bar's tick at log10 = -1 reads
 * {@code 0.1}), three significant figures, the same in every locale. Parsing is not supported. Not
 * thread-safe (a NumberFormat); one per axis.
 */
final class PowerOfTenFormat extends NumberFormat {

    private static final long serialVersionUID = 1L;

    @Override
    public StringBuffer format(double exponent, StringBuffer to, FieldPosition pos) {
        double v = Math.pow(10, exponent);
        String s = v >= 1e4 || v < 1e-3 ? String.format(Locale.ROOT, "%.0e", v)
                : ChartStyle.plain().format(Double.parseDouble(String.format(Locale.ROOT, "%.3g", v)));
        return to.append(s);
    }

    @Override
    public StringBuffer format(long exponent, StringBuffer to, FieldPosition pos) {
        return format((double) exponent, to, pos);
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
        throw new UnsupportedOperationException("PowerOfTenFormat does not parse, got " + source);
    }
}
