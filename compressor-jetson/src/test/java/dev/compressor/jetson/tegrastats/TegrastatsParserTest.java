package dev.compressor.jetson.tegrastats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.jetson.tegrastats.TegrastatsSample.CpuCore;
import dev.compressor.jetson.tegrastats.TegrastatsSample.Engine;
import dev.compressor.jetson.tegrastats.TegrastatsSample.RailPower;
import dev.compressor.jetson.tegrastats.TegrastatsSample.Ram;
import dev.compressor.jetson.tegrastats.TegrastatsSample.Swap;
import dev.compressor.jetson.tegrastats.TegrastatsSample.Temperature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Every fixture line, field by field. */
class TegrastatsParserTest {

    static List<String> lines(String resource) throws IOException {
        try (InputStream in = TegrastatsParserTest.class.getResourceAsStream("/tegrastats/" + resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static TegrastatsSample parse(String resource) throws IOException {
        List<String> l = lines(resource);
        assertEquals(1, l.size(), resource);
        return TegrastatsParser.parse(l.get(0));
    }

    private static List<CpuCore> cores(int[] loads, int[] freqs) {
        List<CpuCore> out = new ArrayList<>();
        for (int i = 0; i < loads.length; i++) {
            out.add(new CpuCore(i, true, OptionalInt.of(loads[i]), OptionalInt.of(freqs[i])));
        }
        return out;
    }

    private static List<CpuCore> same(int n, int load, int freq) {
        int[] l = new int[n];
        int[] f = new int[n];
        java.util.Arrays.fill(l, load);
        java.util.Arrays.fill(f, freq);
        return cores(l, f);
    }

    private static Engine eng(String name, Integer load, Integer... freqs) {
        return new Engine(name, false, load == null ? OptionalInt.empty() : OptionalInt.of(load), List.of(freqs));
    }

    private static Engine off(String name) {
        return new Engine(name, true, OptionalInt.empty(), List.of());
    }

    private static Temperature t(String s, double c) {
        return new Temperature(s, OptionalDouble.of(c));
    }

    private static Temperature t(String s, double c, double second) {
        return new Temperature(s, OptionalDouble.of(c), List.of(OptionalDouble.of(second)));
    }

    private static Temperature tOff(String s) {
        return new Temperature(s, OptionalDouble.empty());
    }

    private static RailPower rail(String n, int cur, int avg, Integer... more) {
        return new RailPower(n, cur, avg, List.of(more));
    }

    private static Ram ram(long used, long total, long lfbN, long lfbMb) {
        return new Ram(used, total, OptionalLong.of(lfbN), OptionalLong.of(lfbMb));
    }

    private static Swap swap(long used, long total, long cached) {
        return new Swap(used, total, OptionalLong.of(cached));
    }

    @Test
    void agxOrin64gbJetPack5() throws IOException {
        TegrastatsSample s = parse("agx-orin-64gb.txt");
        assertEquals(Optional.of(LocalDateTime.of(2025, 4, 11, 10, 36, 27)), s.timestamp());
        assertEquals(Optional.of(ram(4321, 62801, 1759, 4)), s.ram());
        assertEquals(Optional.of(swap(19, 31400, 0)), s.swap());
        assertEquals(same(12, 0, 729), s.cpus());
        assertEquals(List.of(eng("EMC_FREQ", 0, 2133), eng("GR3D_FREQ", 0, 0, 0), eng("VIC_FREQ", null, 729),
                eng("APE", null, 174)), s.engines());
        assertEquals(List.of(tOff("CV0"), t("CPU", 44.562), t("Tboard", 32), t("SOC2", 40.093), t("Tdiode", 33),
                t("SOC0", 41.093), tOff("CV1"), tOff("GPU"), t("tj", 44.343), t("SOC1", 41.25), tOff("CV2")), s.temperatures());
        assertEquals(List.of(rail("VDD_GPU_SOC", 2340, 2340), rail("VDD_CPU_CV", 390, 390), rail("VIN_SYS_5V0", 4025, 4025),
                rail("NC", 0, 0), rail("VDDQ_VDD2_1V8AO", 301, 301), rail("NC", 0, 0)), s.rails());
        assertEquals(List.of(), s.unknown());
        assertEquals(Optional.of(eng("EMC_FREQ", 0, 2133)), s.emc());
        assertEquals(Optional.of(eng("GR3D_FREQ", 0, 0, 0)), s.gr3d());
        assertEquals(OptionalDouble.empty(), s.temperature("GPU"));
        assertEquals(OptionalDouble.of(44.343), s.temperature("tj"));
    }

    @Test
    void agxXavierJetPack42() throws IOException {
        TegrastatsSample s = parse("agx-xavier-jp42.txt");
        assertEquals(Optional.empty(), s.timestamp());
        assertEquals(Optional.of(ram(14700, 15692, 3, 2)), s.ram());
        assertEquals(Optional.of(swap(898, 8192, 23)), s.swap());
        assertEquals(same(8, 0, 1190), s.cpus());
        assertEquals(List.of(eng("EMC_FREQ", 0), eng("GR3D_FREQ", 0)), s.engines());
        assertEquals(List.of(t("AO", 30), t("GPU", 30.5), t("Tboard", 31), t("Tdiode", 32), t("AUX", 30.5), t("CPU", 31.5),
                t("thermal", 30.8), t("PMIC", 100)), s.temperatures());
        assertEquals(List.of(rail("GPU", 463, 463), rail("CPU", 618, 618), rail("SOC", 2936, 2936), rail("CV", 0, 0),
                rail("VDDRQ", 309, 309), rail("SYS5V", 3306, 3306)), s.rails());
        assertEquals(List.of(), s.unknown());
    }

    @Test
    void orinNx8gbLowerCaseTemperaturesAndOffEngines() throws IOException {
        TegrastatsSample s = parse("orin-nx-8gb.txt");
        assertEquals(Optional.of(LocalDateTime.of(2025, 5, 15, 18, 30, 28)), s.timestamp());
        assertEquals(Optional.of(ram(6982, 7620, 5, 1)), s.ram());
        assertEquals(Optional.of(swap(2640, 16384, 202)), s.swap());
        assertEquals(cores(new int[] {97, 95, 95, 91, 88, 93}, new int[] {1984, 1984, 1984, 1984, 1984, 247}), s.cpus());
        assertEquals(List.of(eng("EMC_FREQ", 18, 3199), eng("GR3D_FREQ", 84, 713), eng("NVENC", 1, 115),
                eng("NVDEC", 40, 115), off("NVJPG"), off("NVJPG1"), eng("VIC", 31, 115), off("OFA"), off("NVDLA0"),
                off("PVA0_FREQ"), eng("APE", null, 174)), s.engines());
        assertEquals(List.of(t("cv0", 63.031), t("cpu", 65.562), t("soc2", 64.156), t("soc0", 63.031), t("cv1", 62.937),
                t("gpu", 63.5), t("tj", 65.562), t("soc1", 64.718), t("cv2", 60.875)), s.temperatures());
        assertEquals(List.of(rail("VDD_IN", 17946, 15710), rail("VDD_CPU_GPU_CV", 8896, 7585), rail("VDD_SOC", 3923, 3515)),
                s.rails());
        assertEquals(List.of(), s.unknown());
    }

    @Test
    void tx1L4t28LegacyNames() throws IOException {
        TegrastatsSample s = parse("tx1-l4t28.txt");
        assertEquals(Optional.empty(), s.timestamp());
        assertEquals(Optional.of(ram(3468, 3983, 48, 4)), s.ram());
        assertEquals(Optional.of(swap(873, 8192, 295)), s.swap());
        assertEquals(cores(new int[] {17, 13, 29, 5}, new int[] {408, 408, 408, 408}), s.cpus());
        assertEquals(List.of(eng("EMC", 1, 408), eng("APE", null, 25), eng("GR3D", 3, 76)), s.engines());
        assertEquals(Optional.of(eng("EMC", 1, 408)), s.emc());
        assertEquals(Optional.of(eng("GR3D", 3, 76)), s.gr3d());
        assertEquals(List.of(), s.temperatures());
        assertEquals(List.of(), s.rails());
        assertEquals(List.of(), s.unknown());
    }

    @Test
    void tx2JetPack4WithoutRoot() throws IOException {
        TegrastatsSample s = parse("tx2-jp4-nosudo.txt");
        assertEquals(Optional.of(ram(2020, 7852, 1164, 4)), s.ram());
        assertEquals(Optional.empty(), s.swap());
        assertEquals(cores(new int[] {9, 21, 25, 3, 1, 1}, new int[] {345, 345, 345, 345, 345, 345}), s.cpus());
        assertEquals(List.of(eng("EMC_FREQ", 0), eng("GR3D_FREQ", 0)), s.engines());
        assertEquals(List.of(t("PLL", 42.5), t("MCPU", 42.5), t("PMIC", 100), t("Tboard", 40), t("GPU", 41), t("BCPU", 42.5),
                t("thermal", 41.9), t("Tdiode", 41.25)), s.temperatures());
        assertEquals(List.of(rail("VDD_SYS_GPU", 153, 158), rail("VDD_SYS_SOC", 536, 547), rail("VDD_4V0_WIFI", 633, 527),
                rail("VDD_IN", 3140, 3208), rail("VDD_SYS_CPU", 536, 590), rail("VDD_SYS_DDR", 557, 601)), s.rails());
        assertEquals(List.of(), s.unknown());
    }

    @Test
    void tx2JetPack4WithRootHasMts() throws IOException {
        TegrastatsSample s = parse("tx2-jp4-sudo.txt");
        assertEquals(Optional.of(ram(3276, 7859, 5, 4)), s.ram());
        assertEquals(Optional.of(swap(1626, 12122, 181)), s.swap());
        assertEquals(cores(new int[] {44, 49, 67, 17, 25, 8}, new int[] {1421, 2031, 2034, 1420, 1419, 1420}), s.cpus());
        assertEquals(List.of(eng("EMC_FREQ", 1, 1866), eng("GR3D_FREQ", 0, 114), eng("APE", null, 150), eng("MTS fg", 1),
                eng("MTS bg", 1)), s.engines());
        assertEquals(List.of(t("PLL", 42.5), t("MCPU", 42.5), t("PMIC", 50), t("Tboard", 38), t("GPU", 39.5), t("BCPU", 42.5),
                t("thermal", 41.3), t("Tdiode", 39.25)), s.temperatures());
        assertEquals(List.of(rail("VDD_SYS_GPU", 182, 182), rail("VDD_SYS_SOC", 730, 730), rail("VDD_4V0_WIFI", 0, 0),
                rail("VDD_IN", 5297, 5297), rail("VDD_SYS_CPU", 1917, 1917), rail("VDD_SYS_DDR", 1241, 1241)), s.rails());
        assertEquals(List.of(), s.unknown());
    }

    @Test
    void jetPack7AndThorShapesWithUnknownFields() throws IOException {
        TegrastatsSample s = TegrastatsParser.parse(lines("constructed-variants.txt").get(0));
        assertEquals(Optional.of(LocalDateTime.of(2026, 1, 20, 9, 15, 2)), s.timestamp());
        assertEquals(Optional.of(ram(9120, 125772, 12, 4)), s.ram());
        assertEquals(Optional.of(swap(0, 62886, 0)), s.swap());
        assertEquals(List.of(new CpuCore(0, true, OptionalInt.of(3), OptionalInt.of(972)),
                new CpuCore(1, true, OptionalInt.of(1), OptionalInt.of(972)),
                new CpuCore(2, false, OptionalInt.empty(), OptionalInt.empty()),
                new CpuCore(3, false, OptionalInt.empty(), OptionalInt.empty())), s.cpus());
        assertEquals(List.of(eng("EMC_FREQ", 0, 3199), eng("GR3D_FREQ", null, 1000, 1000, 1000), eng("NVENC0_FREQ", null, 1556),
                off("NVDEC0_FREQ")), s.engines());
        assertEquals(List.of(t("cpu", 52.968, 52.968), t("gpu", 49.5, 95.0), t("tj", 53.1, 53.1)), s.temperatures());
        assertEquals(OptionalDouble.of(95.0), s.temperatures().get(1).maxCelsius());
        assertEquals(OptionalDouble.of(49.5), s.temperature("gpu"));
        assertEquals(List.of(rail("VDD_GPU", 5139, 5139, 5139), rail("VDD_CPU_SOC_MSS", 2480, 2475, 2610),
                rail("VIN_SYS_5V0", 4002, 4001, 4100)), s.rails());
        assertEquals(List.of("WEIRD_FIELD", "{x:1}", "FOO", "12kHz"), s.unknown());
    }

    @Test
    void agxOrinJetPack72TwoValuesPerTemperatureThreePerRail() throws IOException {
        TegrastatsSample s = parse("agx-orin-jp72.txt");
        assertEquals(Optional.of(LocalDateTime.of(2026, 7, 25, 9, 8, 28)), s.timestamp());
        assertEquals(Optional.of(ram(20642, 62817, 1, 2)), s.ram());
        assertEquals(Optional.empty(), s.swap());
        assertEquals(cores(new int[] {23, 10, 4, 14, 30, 18, 10, 10, 33, 7, 5, 27},
                new int[] {2201, 2201, 2201, 2201, 2201, 2201, 2201, 2201, 2201, 2201, 2201, 2201}), s.cpus());
        assertEquals(List.of(eng("EMC_FREQ", 3, 3199), eng("GR3D_FREQ", 12, 1300, 1300), off("NVENC0"), off("NVDEC0"),
                off("NVJPG0"), off("NVJPG1"), off("VIC"), off("OFA"), off("NVDLA0"), off("NVDLA1"), off("PVA0_FREQ"),
                eng("APE", null, 174)), s.engines());
        assertEquals(List.of(t("cpu", 52.968, 52.968), t("soc2", 48.406, 48.406), t("soc0", 49.531, 49.531),
                t("gpu", 47.625, 47.625)), s.temperatures());
        assertEquals(OptionalDouble.of(52.968), s.temperatures().get(0).maxCelsius());
        assertEquals(List.of(rail("VDD_GPU_SOC", 5139, 5139, 5139), rail("VDD_CPU_CV", 3268, 3268, 3268),
                rail("VIN_SYS_5V0", 5500, 5500, 5500)), s.rails());
        assertEquals(List.of(), s.unknown());
    }

    @Test
    void agxOrinSecondGpuClusterIsInTheList() throws IOException {
        TegrastatsSample s = parse("agx-orin-gr3d2.txt");
        assertEquals(List.of(eng("GR3D_FREQ", 0, 0), eng("GR3D2_FREQ", 0, 0)), s.gpuClusters());
        assertEquals(Optional.of(eng("GR3D_FREQ", 0, 0)), s.gr3d());
        assertEquals(List.of(eng("EMC_FREQ", 0, 2133), eng("GR3D_FREQ", 0, 0), eng("GR3D2_FREQ", 0, 0),
                eng("VIC_FREQ", null, 729), eng("APE", null, 174)), s.engines());
        assertEquals(List.of(rail("VDD_GPU_SOC", 2399, 2399), rail("VDD_CPU_CV", 400, 400), rail("VIN_SYS_5V0", 4032, 4032),
                rail("NC", 0, 0), rail("VDDQ_VDD2_1V8AO", 301, 301), rail("NC", 0, 0)), s.rails());
        assertEquals(List.of(), s.unknown());
    }

    @Test
    void gpuClustersOfEveryGenerationInClusterOrder() throws IOException {
        assertEquals(List.of(eng("GR3D", 3, 76)), parse("tx1-l4t28.txt").gpuClusters());
        assertEquals(List.of(eng("GR3D_FREQ", 84, 713)), parse("orin-nx-8gb.txt").gpuClusters());
        assertEquals(List.of(eng("GR3D_FREQ", null, 1000, 1000, 1000)),
                TegrastatsParser.parse(lines("constructed-variants.txt").get(0)).gpuClusters());
        assertEquals(List.of(eng("GR3D_FREQ", 5, 1300), eng("GR3D2_FREQ", 7, 1300), eng("GR3D3_FREQ", 9, 1300)),
                TegrastatsParser.parse("GR3D3_FREQ 9%@1300 GR3D_FREQ 5%@1300 APE 174 GR3D2_FREQ 7%@1300").gpuClusters());
        assertEquals(List.of(), TegrastatsParser.parse("RAM 1/2MB").gpuClusters());
    }

    @Test
    void temperatureValuesOffAndMalformed() {
        TegrastatsSample s = TegrastatsParser.parse("CV0@-256C/-256C GPU@40C/-256C tj@41C/47.5 SOC@3C/hot");
        assertEquals(new Temperature("CV0", OptionalDouble.empty(), List.of(OptionalDouble.empty())),
                s.temperatures().get(0));
        assertEquals(OptionalDouble.empty(), s.temperatures().get(0).maxCelsius());
        assertEquals(new Temperature("GPU", OptionalDouble.of(40), List.of(OptionalDouble.empty())), s.temperatures().get(1));
        assertEquals(OptionalDouble.of(40), s.temperatures().get(1).maxCelsius());
        assertEquals(t("tj", 41, 47.5), s.temperatures().get(2));
        assertEquals(3, s.temperatures().size());
        assertEquals(List.of("SOC@3C/hot"), s.unknown(), "a second value that is no number is not dropped silently");
    }

    @Test
    void nanoJetPack4IramIsKeptAsUnknown() throws IOException {
        TegrastatsSample s = TegrastatsParser.parse(lines("constructed-variants.txt").get(1));
        assertEquals(Optional.of(ram(1540, 3964, 95, 4)), s.ram());
        assertEquals(List.of("IRAM", "0/252kB", "(lfb 252kB)"), s.unknown());
        assertEquals(4, s.cpus().size());
        assertEquals(List.of(eng("EMC_FREQ", 3, 204), eng("GR3D_FREQ", 0, 76), eng("APE", null, 25)), s.engines());
        assertEquals(6, s.temperatures().size());
        assertEquals(List.of(rail("POM_5V_IN", 1004, 1004), rail("POM_5V_GPU", 0, 0), rail("POM_5V_CPU", 126, 126)), s.rails());
    }

    @Test
    void brokenLinesNeverThrowAndKeepWhatTheyCan() {
        TegrastatsSample empty = TegrastatsParser.parse("");
        assertTrue(empty.rails().isEmpty() && empty.unknown().isEmpty() && empty.ram().isEmpty());

        TegrastatsSample cut = TegrastatsParser.parse("RAM 3276/7859MB (lfb 5x4");
        assertEquals(Optional.of(new Ram(3276, 7859, OptionalLong.empty(), OptionalLong.empty())), cut.ram());

        TegrastatsSample odd = TegrastatsParser.parse(
                "13-45-2025 99:99:99 VDD_IN 99999999999/1 CPU [x%,off] GPU@hotC VDD_SOC 12mW/13mW");
        assertEquals(List.of(rail("VDD_SOC", 12, 13)), odd.rails());
        assertEquals(List.of(new CpuCore(1, false, OptionalInt.empty(), OptionalInt.empty())), odd.cpus());
        assertTrue(odd.unknown().containsAll(List.of("13-45-2025", "99:99:99", "VDD_IN", "99999999999/1", "CPU[0]=x%",
                "GPU@hotC")), odd.unknown().toString());
    }
}
