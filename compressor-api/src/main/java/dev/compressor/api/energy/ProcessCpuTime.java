package dev.compressor.api.energy;

import com.google.common.base.Ticker;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time this process has used, in nanoseconds, from the best source the JVM offers.
 *
 * @param ticker reads the process's cumulative CPU time (user + system) in nanoseconds: a
 *     {@link Ticker} that advances only while the process runs on a CPU
 * @param description where the figure comes from, for reasons and notes
 */
record ProcessCpuTime(Ticker ticker, String description) {

    /**
     * Finds the source: {@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime} (the
     * whole process, including native threads such as ND4J's OpenMP pool), else the sum over live
     * JVM threads from {@link ThreadMXBean} (misses threads that ended and native-only threads).
     *
     * @return the source
     */
    static ProcessCpuTime detect() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getProcessCpuTime() >= 0) {
            return new ProcessCpuTime(new Ticker() {
                @Override
                public long read() {
                    return sun.getProcessCpuTime();
                }
            }, "process CPU time (OperatingSystemMXBean)");
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return new ProcessCpuTime(new Ticker() {
            @Override
            public long read() {
                return sumThreads(threads);
            }
        },
                "CPU time of live JVM threads (ThreadMXBean; misses ended and native threads)");
    }

    private static long sumThreads(ThreadMXBean threads) {
        long sum = 0;
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t > 0) {
                sum += t;
            }
        }
        return sum;
    }
}
