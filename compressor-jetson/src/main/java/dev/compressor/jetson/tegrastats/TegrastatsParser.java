package dev.compressor.jetson.tegrastats;

import dev.compressor.jetson.tegrastats.TegrastatsSample.CpuCore;
import dev.compressor.jetson.tegrastats.TegrastatsSample.Engine;
import dev.compressor.jetson.tegrastats.TegrastatsSample.RailPower;
import dev.compressor.jetson.tegrastats.TegrastatsSample.Ram;
import dev.compressor.jetson.tegrastats.TegrastatsSample.Swap;
import dev.compressor.jetson.tegrastats.TegrastatsSample.Temperature;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code tegrastats} lines of every known generation: L4T 28 ({@code cpu [..]@F}, {@code EMC},
 * {@code GR3D}), JetPack 4 (rails {@code cur/avg}, with or without frequencies), JetPack 5 and 6
 * (timestamp prefix, {@code mW} suffix, per-GPC GPU clocks, {@code off} engines, {@code -256C} for
 * sensors that are off), JetPack 7 (three values per rail, two per temperature, all kept) and Thor
 * ({@code GR3D_FREQ @[..]}). Unknown fields are kept in {@link TegrastatsSample#unknown()}; a line
 * never fails as a whole. Stateless and thread-safe.
 */
public final class TegrastatsParser {

    private static final Pattern TOKEN = Pattern.compile("\\([^)]*\\)|[^\\s(]+");
    private static final Pattern DATE = Pattern.compile("\\d{2}-\\d{2}-\\d{4}");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}:\\d{2}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MM-dd-uuuu HH:mm:ss");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern MEMORY = Pattern.compile("(\\d{1,12})/(\\d{1,12})(kB|MB|GB)");
    private static final Pattern LFB = Pattern.compile("\\(lfb (\\d{1,12})x(\\d{1,12})(kB|MB|GB)\\)");
    private static final Pattern CACHED = Pattern.compile("\\(cached (\\d{1,12})(kB|MB|GB)\\)");
    private static final Pattern CPU_LIST = Pattern.compile("\\[(.*)\\](?:@(\\d{1,9}))?");
    private static final Pattern CPU_ENTRY = Pattern.compile("(\\d{1,3})%(?:@(\\d{1,9}))?");
    private static final Pattern TEMPERATURE =
            Pattern.compile("([A-Za-z][A-Za-z0-9_]*)@(-?\\d{1,6}(?:\\.\\d+)?)C((?:/-?\\d{1,6}(?:\\.\\d+)?C?)*)");
    private static final Pattern RAIL = Pattern.compile("\\d{1,9}(?:mW)?(?:/\\d{1,9}(?:mW)?){1,3}");
    private static final Pattern ENGINE = Pattern.compile(
            "(?<off>off)|(?:(?<load>\\d{1,3})%)?(?:@(?<freqs>\\d{1,9}|\\[\\d{1,9}(?:,\\d{1,9})*\\]))?|(?<bare>\\d{1,9})");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})%");

    private TegrastatsParser() {
    }

    /**
     * Parses one line.
     *
     * @param line a line of {@code tegrastats} output, with or without its line terminator
     * @return the sample; a line with nothing recognisable gives a sample whose fields are all empty
     */
    public static TegrastatsSample parse(String line) {
        List<String> t = new ArrayList<>();
        Matcher tm = TOKEN.matcher(line);
        while (tm.find()) {
            t.add(tm.group());
        }
        Optional<LocalDateTime> stamp = Optional.empty();
        Optional<Ram> ram = Optional.empty();
        Optional<Swap> swap = Optional.empty();
        List<CpuCore> cpus = new ArrayList<>();
        List<Engine> engines = new ArrayList<>();
        List<Temperature> temps = new ArrayList<>();
        List<RailPower> rails = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        int i = 0;
        if (t.size() >= 2 && DATE.matcher(t.get(0)).matches() && TIME.matcher(t.get(1)).matches()) {
            try {
                stamp = Optional.of(LocalDateTime.parse(t.get(0) + " " + t.get(1), STAMP));
                i = 2;
            } catch (DateTimeParseException e) {
                // left for the loop, which records both tokens as unknown
            }
        }
        while (i < t.size()) {
            String tok = t.get(i);
            String next = i + 1 < t.size() ? t.get(i + 1) : "";
            String after = i + 2 < t.size() ? t.get(i + 2) : "";
            Matcher m;
            if (tok.equals("RAM") && (m = MEMORY.matcher(next)).matches()) {
                Matcher lfb = LFB.matcher(after);
                boolean hasLfb = lfb.matches();
                ram = Optional.of(new Ram(mb(m.group(1), m.group(3)), mb(m.group(2), m.group(3)),
                        hasLfb ? OptionalLong.of(Long.parseLong(lfb.group(1))) : OptionalLong.empty(),
                        hasLfb ? OptionalLong.of(mb(lfb.group(2), lfb.group(3))) : OptionalLong.empty()));
                i += hasLfb ? 3 : 2;
            } else if (tok.equals("SWAP") && (m = MEMORY.matcher(next)).matches()) {
                Matcher cached = CACHED.matcher(after);
                boolean hasCached = cached.matches();
                swap = Optional.of(new Swap(mb(m.group(1), m.group(3)), mb(m.group(2), m.group(3)),
                        hasCached ? OptionalLong.of(mb(cached.group(1), cached.group(2))) : OptionalLong.empty()));
                i += hasCached ? 3 : 2;
            } else if ((tok.equals("CPU") || tok.equals("cpu")) && (m = CPU_LIST.matcher(next)).matches()) {
                parseCpus(m, cpus, unknown);
                i += 2;
            } else if (tok.equals("MTS") && next.equals("fg") && PERCENT.matcher(after).matches()) {
                i = parseMts(t, i, engines);
            } else if ((m = TEMPERATURE.matcher(tok)).matches()) {
                temps.add(temperature(m));
                i++;
            } else if (NAME.matcher(tok).matches() && RAIL.matcher(next).matches()) {
                rails.add(rail(tok, next));
                i += 2;
            } else if (NAME.matcher(tok).matches() && !next.isEmpty() && (m = ENGINE.matcher(next)).matches()) {
                engines.add(engine(tok, m));
                i += 2;
            } else {
                unknown.add(tok);
                i++;
            }
        }
        return new TegrastatsSample(stamp, ram, swap, cpus, engines, temps, rails, unknown);
    }

    private static void parseCpus(Matcher list, List<CpuCore> cpus, List<String> unknown) {
        OptionalInt common = list.group(2) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(list.group(2)));
        String[] entries = list.group(1).split(",", -1);
        for (int k = 0; k < entries.length; k++) {
            String e = entries[k].trim();
            Matcher c = CPU_ENTRY.matcher(e);
            if (e.equals("off")) {
                cpus.add(new CpuCore(k, false, OptionalInt.empty(), OptionalInt.empty()));
            } else if (c.matches()) {
                cpus.add(new CpuCore(k, true, OptionalInt.of(Integer.parseInt(c.group(1))),
                        c.group(2) != null ? OptionalInt.of(Integer.parseInt(c.group(2))) : common));
            } else {
                unknown.add("CPU[" + k + "]=" + e);
            }
        }
    }

    /** {@code MTS fg 1% bg 1%}: two engines, "MTS fg" and "MTS bg". */
    private static int parseMts(List<String> t, int i, List<Engine> engines) {
        engines.add(new Engine("MTS fg", false, percent(t.get(i + 2)), List.of()));
        int j = i + 3;
        if (j + 1 < t.size() && t.get(j).equals("bg") && PERCENT.matcher(t.get(j + 1)).matches()) {
            engines.add(new Engine("MTS bg", false, percent(t.get(j + 1)), List.of()));
            j += 2;
        }
        return j;
    }

    /** {@code cpu@52.968C} or, on JetPack 7, {@code cpu@52.968C/52.968C}: every value kept. */
    private static Temperature temperature(Matcher m) {
        List<OptionalDouble> further = new ArrayList<>();
        for (String v : m.group(3).split("/")) {
            if (!v.isEmpty()) {
                further.add(celsius(v.endsWith("C") ? v.substring(0, v.length() - 1) : v));
            }
        }
        return new Temperature(m.group(1), celsius(m.group(2)), further);
    }

    /** A sensor that is off prints {@code -256C}. */
    private static OptionalDouble celsius(String value) {
        double c = Double.parseDouble(value);
        return c <= -256 ? OptionalDouble.empty() : OptionalDouble.of(c);
    }

    private static RailPower rail(String name, String value) {
        String[] parts = value.replace("mW", "").split("/");
        List<Integer> further = new ArrayList<>();
        for (int k = 2; k < parts.length; k++) {
            further.add(Integer.parseInt(parts[k]));
        }
        return new RailPower(name, Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), further);
    }

    private static Engine engine(String name, Matcher m) {
        if (m.group("off") != null) {
            return new Engine(name, true, OptionalInt.empty(), List.of());
        }
        if (m.group("bare") != null) {
            return new Engine(name, false, OptionalInt.empty(), List.of(Integer.parseInt(m.group("bare"))));
        }
        List<Integer> freqs = new ArrayList<>();
        String f = m.group("freqs");
        if (f != null) {
            for (String v : f.replace("[", "").replace("]", "").split(",")) {
                freqs.add(Integer.parseInt(v));
            }
        }
        String load = m.group("load");
        return new Engine(name, false, load == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(load)), freqs);
    }

    private static OptionalInt percent(String token) {
        return OptionalInt.of(Integer.parseInt(token.substring(0, token.length() - 1)));
    }

    private static long mb(String value, String unit) {
        long v = Long.parseLong(value);
        return switch (unit) {
            case "kB" -> v / 1024;
            case "GB" -> v * 1024;
            default -> v;
        };
    }
}
