package io.clientele.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used by this JVM (bench clients and server together) and, on Linux with the embedded
 * database, by PostgreSQL (the postmaster, its live backends, and the backends it already reaped), so a
 * run can say where the cores went. Values are nanoseconds; -1 where the platform does not tell.
 */
final class CpuMeter {
    /** Linux reports /proc times in clock ticks of 1/100 s on every architecture we run on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    record Sample(long jvmNanos, long postgresNanos) {
        Sample minus(Sample earlier) {
            return new Sample(diff(jvmNanos, earlier.jvmNanos), diff(postgresNanos, earlier.postgresNanos));
        }

        private static long diff(long a, long b) {
            return a < 0 || b < 0 ? -1 : a - b;
        }
    }

    private final Long postmasterPid;

    /** @param postgresDataDir the embedded cluster's directory (holding postmaster.pid), or null */
    CpuMeter(Path postgresDataDir) {
        this.postmasterPid = postgresDataDir == null ? null : readPid(postgresDataDir.resolve("postmaster.pid"));
    }

    Sample sample() {
        long jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        return new Sample(jvm, postgres());
    }

    private long postgres() {
        if (postmasterPid == null) return -1;
        long[] own = times(postmasterPid);
        if (own == null) return -1;
        long ticks = own[0] + own[1] + own[2] + own[3];
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                long pid = Long.parseLong(p.getFileName().toString());
                long[] t = pid == postmasterPid ? null : times(pid);
                if (t != null && t[4] == postmasterPid) ticks += t[0] + t[1];
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return ticks * NANOS_PER_TICK;
    }

    /** utime, stime, cutime, cstime, ppid of a process, or null when it is gone or unreadable. */
    private static long[] times(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name is in parentheses and may hold spaces; fields are counted after it.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14]),
                    Long.parseLong(f[1])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Long readPid(Path pidFile) {
        try {
            return Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
