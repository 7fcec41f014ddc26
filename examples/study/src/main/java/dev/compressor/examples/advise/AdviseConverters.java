package dev.compressor.examples.advise;

import dev.compressor.api.advisor.Metric;
import dev.compressor.api.advisor.Objective;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converters of the {@code advise} options; each message names the bad value. Stateless. */
final class AdviseConverters {

    private AdviseConverters() {
    }

    /**
     * {@code size}, {@code latency}, {@code energy}, or a weighted mix such as
     * {@code size=0.7,latency=0.3}.
     */
    static final class ObjectiveConverter implements ITypeConverter<Objective> {
        @Override
        public Objective convert(String value) {
            return parseObjective(value);
        }
    }

    static Objective parseObjective(String value) {
        Map<Metric, Double> weights = new EnumMap<>(Metric.class);
        for (String part : value.split(",")) {
            String[] kv = part.trim().split("=", -1);
            if (kv.length > 2 || kv[0].isBlank()) {
                throw new TypeConversionException("bad objective '" + value + "': expected size, latency, energy "
                        + "or a weighted mix like size=0.7,latency=0.3");
            }
            Metric m;
            try {
                m = Metric.valueOf(kv[0].trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("unknown objective metric '" + kv[0].trim() + "' in '" + value
                        + "': use size, latency or energy");
            }
            double w = 1;
            if (kv.length == 2) {
                try {
                    w = Double.parseDouble(kv[1].trim());
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("weight '" + kv[1] + "' of " + kv[0].trim() + " in '" + value
                            + "' is not a number");
                }
            }
            if (weights.put(m, w) != null) {
                throw new TypeConversionException("objective '" + value + "' names " + kv[0].trim() + " twice");
            }
        }
        try {
            return new Objective(weights);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("bad objective '" + value + "': " + e.getMessage());
        }
    }

    /** A duration: {@code 500ms}, {@code 90s}, {@code 10m}, {@code 1h} or ISO-8601 such as {@code PT5M}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            Duration d;
            try {
                if (v.startsWith("pt") || v.startsWith("p")) {
                    d = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
                } else if (v.endsWith("ms")) {
                    d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
                } else if (v.endsWith("s")) {
                    d = Duration.ofMillis(Math.round(1000 * Double.parseDouble(v.substring(0, v.length() - 1))));
                } else if (v.endsWith("m")) {
                    d = Duration.ofMillis(Math.round(60_000 * Double.parseDouble(v.substring(0, v.length() - 1))));
                } else if (v.endsWith("h")) {
                    d = Duration.ofMillis(Math.round(3_600_000 * Double.parseDouble(v.substring(0, v.length() - 1))));
                } else {
                    throw new NumberFormatException("no unit");
                }
            } catch (RuntimeException e) {
                throw new TypeConversionException("bad duration '" + value + "': use e.g. 90s, 10m, 1h or PT5M");
            }
            if (d.isNegative() || d.isZero()) {
                throw new TypeConversionException("duration '" + value + "' must be positive");
            }
            return d;
        }
    }

    /** A size in bytes: a whole number with an optional {@code k}, {@code M} or {@code G} (powers of 1024). */
    static final class BytesConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = value.trim();
            long unit = 1;
            char last = v.isEmpty() ? ' ' : Character.toLowerCase(v.charAt(v.length() - 1));
            if (last == 'k' || last == 'm' || last == 'g') {
                unit = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
                v = v.substring(0, v.length() - 1).trim();
            }
            try {
                long n = Long.parseLong(v);
                if (n < 0) {
                    throw new NumberFormatException("negative");
                }
                return Math.multiplyExact(n, unit);
            } catch (RuntimeException e) {
                throw new TypeConversionException("bad size '" + value + "': use bytes, e.g. 40000, 40k or 2M");
            }
        }
    }
}
