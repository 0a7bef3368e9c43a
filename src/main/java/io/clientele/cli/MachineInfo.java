package io.clientele.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What a benchmark figure was measured on, so a figure is never quoted without its machine. */
record MachineInfo(int cores, String cpu, long ramBytes, String os, String jdk) {
    static MachineInfo current() {
        long ram = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : -1;
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), cpuModel(), ram,
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version")
                        + " (" + System.getProperty("java.vm.name") + ")");
    }

    /** The 1-minute load average, or -1 where the OS does not tell; other work on the machine skews figures. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    String describe() {
        String memory = ramBytes < 0 ? "unknown RAM" : String.format(Locale.ROOT, "%.1f GiB RAM", ramBytes / (1024.0 * 1024 * 1024));
        return cores + " cores" + (cpu == null ? "" : " (" + cpu + ")") + ", " + memory + ", " + os;
    }

    private static String cpuModel() {
        try {
            Path info = Path.of("/proc/cpuinfo");
            if (!Files.isReadable(info)) return null;
            try (var lines = Files.lines(info)) {
                return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                        .findFirst().orElse(null);
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
