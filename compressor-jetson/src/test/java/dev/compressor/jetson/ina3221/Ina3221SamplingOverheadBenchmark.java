package dev.compressor.jetson.ina3221;

import dev.compressor.api.energy.EnergyMeter;
import dev.compressor.api.energy.EnergyReading;
import dev.compressor.jetson.testing.FixtureTree;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Benchmark (not a test): CPU time the INA3221 sampler costs per wall-clock second, at a given
 * rate, against fixture sysfs trees in a temporary directory (on tmpfs or disk: the files are
 * regular files, so this measures the Java side; real sysfs adds the kernel's I2C read time).
 *
 * <p>Run: {@code mvn -B -pl compressor-jetson test-compile exec:exec -Dexec.classpathScope=test
 * -Dexec.executable=java "-Dexec.args=-cp %classpath dev.compressor.jetson.ina3221.Ina3221SamplingOverheadBenchmark 10 100"}
 *
 * <p>Arguments: seconds per measurement (default 10), rate in Hz (default 100), trees (default all four).
 */
public final class Ina3221SamplingOverheadBenchmark {

    private Ina3221SamplingOverheadBenchmark() {
    }

    /**
     * Runs the benchmark and prints one line per tree.
     *
     * @param args seconds, rate, tree names
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 100;
        List<String> trees = args.length > 2 ? List.of(args).subList(2, args.length)
                : List.of("tx2-jp4.tree", "xavier-nx-jp4.tree", "orin-nx-jp5.tree", "agx-orin-jp5.tree");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf("java %s, %s %s, %d CPUs; %.0f s per run at %.0f Hz%n", System.getProperty("java.version"),
                System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                seconds, rate);

        Path warmDir = Files.createTempDirectory("ina3221-bench");
        run(Ina3221SysfsMeter.discover(FixtureTree.materialize(trees.get(0), warmDir)).withRateHz(rate), 2); // JIT warm-up
        long idleStart = os.getProcessCpuTime();
        long idleWall = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        double idleMsPerS = (os.getProcessCpuTime() - idleStart) / 1e6 / ((System.nanoTime() - idleWall) / 1e9);
        System.out.printf("baseline: idle JVM process CPU %.2f ms/s%n", idleMsPerS);
        System.out.println("| tree | rails (files/sample) | samples | achieved Hz | sampler thread CPU ms/s | CPU us/sample"
                + " | process CPU ms/s (minus idle baseline) |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        for (String tree : trees) {
            Path dir = Files.createTempDirectory("ina3221-bench");
            Ina3221SysfsMeter meter = Ina3221SysfsMeter.discover(FixtureTree.materialize(tree, dir)).withRateHz(rate);
            run(meter, 1); // warm-up for this tree: file cache
            long p0 = os.getProcessCpuTime();
            long w0 = System.nanoTime();
            EnergyReading r;
            long threadCpu;
            try (EnergyMeter.Session s = meter.start()) {
                Thread sampler = samplerThread();
                long t0 = threads.getThreadCpuTime(sampler.getId());
                Thread.sleep((long) (seconds * 1000));
                threadCpu = threads.getThreadCpuTime(sampler.getId()) - t0;
                r = s.stop();
            }
            double wall = (System.nanoTime() - w0) / 1e9;
            double procMsPerS = (os.getProcessCpuTime() - p0) / 1e6 / wall;
            int files = meter.channels().stream().mapToInt(c -> c.files().size()).sum();
            System.out.printf("| %s | %d (%d) | %d | %.1f | %.2f | %.1f | %.2f |%n", tree, meter.channels().size(), files,
                    r.sampleCount(), r.sampleRateHz(), threadCpu / 1e6 / seconds, threadCpu / 1e3 / r.sampleCount(),
                    procMsPerS - idleMsPerS);
        }
    }

    private static void run(Ina3221SysfsMeter meter, double seconds) throws Exception {
        try (EnergyMeter.Session s = meter.start()) {
            Thread.sleep((long) (seconds * 1000));
            s.stop();
        }
    }

    private static Thread samplerThread() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("ina3221-sampler") && t.isAlive())
                .findFirst().orElseThrow();
    }
}
