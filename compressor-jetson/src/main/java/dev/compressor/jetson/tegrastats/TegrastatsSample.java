package dev.compressor.jetson.tegrastats;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One parsed {@code tegrastats} line. Immutable. Fields a line lacks are empty; tokens the parser
 * did not recognise are kept, in order, in {@link #unknown()}.
 *
 * @param timestamp the wall-clock prefix JetPack 5 and later print ({@code MM-dd-yyyy HH:mm:ss})
 * @param ram RAM use
 * @param swap swap use
 * @param cpus CPU cores in order
 * @param engines engines and clocks ({@code EMC_FREQ}, {@code GR3D_FREQ}, {@code APE}, {@code NVENC}, ...)
 * @param temperatures temperature sensors in order
 * @param rails power rails in order
 * @param unknown tokens not recognised
 */
public record TegrastatsSample(
        Optional<LocalDateTime> timestamp,
        Optional<Ram> ram,
        Optional<Swap> swap,
        List<CpuCore> cpus,
        List<Engine> engines,
        List<Temperature> temperatures,
        List<RailPower> rails,
        List<String> unknown) {

    /** A GPU cluster's engine name: {@code GR3D}, {@code GR3D_FREQ}, {@code GR3D2_FREQ}, ... */
    private static final Pattern GPU_CLUSTER = Pattern.compile("GR3D(\\d{0,3})(?:_FREQ)?");

    /** Validates and copies. */
    public TegrastatsSample {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(ram, "ram");
        Objects.requireNonNull(swap, "swap");
        cpus = List.copyOf(cpus);
        engines = List.copyOf(engines);
        temperatures = List.copyOf(temperatures);
        rails = List.copyOf(rails);
        unknown = List.copyOf(unknown);
    }

    /**
     * An engine by its printed name.
     *
     * @param name e.g. {@code APE} or {@code NVENC}
     * @return the engine, if the line has it
     */
    public Optional<Engine> engine(String name) {
        return engines.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The external memory controller ({@code EMC_FREQ}, or {@code EMC} on L4T 28). @return the engine, if present */
    public Optional<Engine> emc() {
        return engine("EMC_FREQ").or(() -> engine("EMC"));
    }

    /**
     * The GPU's first cluster ({@code GR3D_FREQ}, or {@code GR3D} on L4T 28); see {@link #gpuClusters()}
     * for the others.
     *
     * @return the engine, if present
     */
    public Optional<Engine> gr3d() {
        return engine("GR3D_FREQ").or(() -> engine("GR3D"));
    }

    /**
     * Every GPU cluster the line prints, in cluster order: {@code GR3D_FREQ} (or {@code GR3D}) first,
     * then {@code GR3D2_FREQ}, {@code GR3D3_FREQ}, ... (AGX Orin and Orin NX 16GB print two).
     *
     * @return the clusters; empty when the line has no GPU field
     */
    public List<Engine> gpuClusters() {
        return engines.stream().filter(e -> GPU_CLUSTER.matcher(e.name()).matches())
                .sorted(Comparator.comparingInt(TegrastatsSample::clusterNumber)).toList();
    }

    private static int clusterNumber(Engine e) {
        Matcher m = GPU_CLUSTER.matcher(e.name());
        return m.matches() && !m.group(1).isEmpty() ? Integer.parseInt(m.group(1)) : 1;
    }

    /**
     * A rail by name.
     *
     * @param name e.g. {@code VDD_IN}
     * @return the rail, if the line has it
     */
    public Optional<RailPower> rail(String name) {
        return rails.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /**
     * A temperature by sensor name.
     *
     * @param sensor e.g. {@code CPU} or {@code tj}
     * @return the first printed value, degrees Celsius; empty if the line lacks the sensor or the
     *     sensor is off (see {@link Temperature#furtherCelsius()} for the values after it)
     */
    public OptionalDouble temperature(String sensor) {
        return temperatures.stream().filter(t -> t.sensor().equals(sensor)).findFirst()
                .map(Temperature::celsius).orElse(OptionalDouble.empty());
    }

    /**
     * RAM use.
     *
     * @param usedMb used, MB
     * @param totalMb total, MB
     * @param largestFreeBlocks count of largest free blocks ({@code lfb N x M}), if printed
     * @param largestFreeBlockMb size of each of those blocks in MB, if printed
     */
    public record Ram(long usedMb, long totalMb, OptionalLong largestFreeBlocks, OptionalLong largestFreeBlockMb) {
    }

    /**
     * Swap use.
     *
     * @param usedMb used, MB
     * @param totalMb total, MB
     * @param cachedMb swap cache, MB, if printed
     */
    public record Swap(long usedMb, long totalMb, OptionalLong cachedMb) {
    }

    /**
     * One CPU core.
     *
     * @param index position in the list, from 0
     * @param online false when printed as {@code off}
     * @param loadPercent load in percent, if online
     * @param frequencyMhz clock in MHz, if printed (root only on some releases)
     */
    public record CpuCore(int index, boolean online, OptionalInt loadPercent, OptionalInt frequencyMhz) {
    }

    /**
     * An engine or clock: {@code EMC_FREQ 0%@2133}, {@code GR3D_FREQ 0%@[0,0]}, {@code APE 174},
     * {@code NVJPG off}, {@code NVENC0_FREQ @1556}, {@code MTS fg 1%}.
     *
     * @param name the printed name ({@code MTS fg} and {@code MTS bg} for the two MTS values)
     * @param off true when printed as {@code off}
     * @param loadPercent load in percent, if printed
     * @param frequenciesMhz clock(s) in MHz: one value, or one per GPC on Orin and Thor; may be empty
     */
    public record Engine(String name, boolean off, OptionalInt loadPercent, List<Integer> frequenciesMhz) {
        /** Copies the list. */
        public Engine {
            frequenciesMhz = List.copyOf(frequenciesMhz);
        }
    }

    /**
     * A temperature sensor: {@code CPU@44.562C}, or {@code cpu@52.968C/52.968C} with a second value
     * on JetPack 7; {@code -256C} means the sensor is off.
     *
     * @param sensor the printed name, case kept ({@code CPU}, {@code cpu}, {@code tj})
     * @param celsius the first value, degrees Celsius; empty when the sensor is off
     * @param furtherCelsius the values printed after it, separated by {@code /} (JetPack 7 prints one,
     *     its meaning not documented by NVIDIA), degrees Celsius; empty entries for {@code -256C}
     */
    public record Temperature(String sensor, OptionalDouble celsius, List<OptionalDouble> furtherCelsius) {

        /** Validates and copies the list. */
        public Temperature {
            Objects.requireNonNull(sensor, "sensor");
            Objects.requireNonNull(celsius, "celsius");
            furtherCelsius = List.copyOf(furtherCelsius);
        }

        /**
         * A sensor printed with one value.
         *
         * @param sensor the printed name
         * @param celsius degrees Celsius; empty when the sensor is off
         */
        public Temperature(String sensor, OptionalDouble celsius) {
            this(sensor, celsius, List.of());
        }

        /**
         * The highest of the printed values that are on.
         *
         * @return degrees Celsius; empty when every value is {@code -256C}
         */
        public OptionalDouble maxCelsius() {
            OptionalDouble max = celsius;
            for (OptionalDouble v : furtherCelsius) {
                if (v.isPresent() && (max.isEmpty() || v.getAsDouble() > max.getAsDouble())) {
                    max = v;
                }
            }
            return max;
        }
    }

    /**
     * A power rail: {@code VDD_IN 4712/4712} (JetPack 4), {@code VDD_IN 4712mW/4712mW} (JetPack 5, 6),
     * or three values (JetPack 7). Integrate {@link #currentMw()}: {@link #averageMw()} is the
     * average tegrastats keeps since it started, not over your interval.
     *
     * @param name the rail name, e.g. {@code VDD_IN}; {@code NC} marks an unconnected channel
     * @param currentMw instantaneous power, mW
     * @param averageMw tegrastats' running average since it started, mW
     * @param furtherMw further values JetPack 7 prints, mW (meaning not documented by NVIDIA)
     */
    public record RailPower(String name, int currentMw, int averageMw, List<Integer> furtherMw) {
        /** Copies the list. */
        public RailPower {
            furtherMw = List.copyOf(furtherMw);
        }
    }
}
