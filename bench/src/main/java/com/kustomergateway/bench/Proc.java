package com.kustomergateway.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux says about processes and the machine ({@code /proc}): CPU ticks and resident memory. */
final class Proc {

    /** USER_HZ: /proc counts CPU time in ticks of 1/100 s on every Linux the gateway runs on. */
    static final double TICKS_PER_SECOND = 100.0;

    private Proc() {
    }

    /** utime + stime of a process, in ticks; 0 once it is gone. */
    static long ticks(long pid) {
        return ticks("/proc/" + pid);
    }

    private static long ticks(String process) {
        String stat = read(process + "/stat");
        if (stat.isEmpty()) {
            return 0;
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * utime + stime of the process's JIT compiler threads (HotSpot names them "C1 CompilerThread0", "C2 …"), in
     * ticks: how much of its CPU went to compiling rather than to the work.
     */
    static long compilerTicks(long pid) {
        File[] threads = new File("/proc/" + pid + "/task").listFiles();
        long ticks = 0;
        for (File thread : threads == null ? new File[0] : threads) {
            String path = "/proc/" + pid + "/task/" + thread.getName();
            String name = read(path + "/comm").strip();
            if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                ticks += ticks(path);
            }
        }
        return ticks;
    }

    static String command(long pid) {
        String stat = read("/proc/" + pid + "/stat");
        return stat.isEmpty() ? "" : stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    /** [busy, total] ticks of the whole machine, from the first line of /proc/stat. */
    static long[] machine() {
        String[] f = read("/proc/stat").lines().findFirst().orElse("cpu 0 0 0 0").trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length; i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
        return new long[] {total - idle, total};
    }

    static double rssMib(long pid) {
        return read("/proc/" + pid + "/status").lines().filter(l -> l.startsWith("VmRSS:"))
                .mapToDouble(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024.0).findFirst().orElse(0);
    }

    static String loadAverage() {
        String load = read("/proc/loadavg");
        return load.isEmpty() ? "?" : String.join(" ", load.split(" ", 4)[0], load.split(" ", 4)[1],
                load.split(" ", 4)[2]);
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }
}
