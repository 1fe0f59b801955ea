package online.hypermesh.trustchain.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** CPU time used by this process, to show how much of the machine the load generator itself takes. */
final class CpuClock {
    private CpuClock() {
    }

    /** Process CPU time in nanoseconds, or -1 if the JVM cannot tell. */
    static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }
}
