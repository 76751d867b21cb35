package com.kustomergateway.bench;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the CPU went while something ran: the whole machine, the gateway, Postgres (its backends come and go with
 * their connections, so they are sampled every 100 ms) and this JVM (the load generator and the Kustomer stand-in),
 * and the gateway's highest resident memory.
 */
final class Usage {

    private final long gatewayPid;
    private final long self = ProcessHandle.current().pid();
    private final long start = System.nanoTime();
    private final long[] machine = Proc.machine();
    private final long gateway;
    private final long gatewayCompiler;
    private final long bench;
    private final Map<Long, long[]> postgres = new HashMap<>();
    private final Thread sampler;
    private volatile boolean sampling = true;
    private volatile double rssPeakMib;

    private Usage(long gatewayPid) {
        this.gatewayPid = gatewayPid;
        this.gateway = gatewayPid > 0 ? Proc.ticks(gatewayPid) : 0;
        this.gatewayCompiler = gatewayPid > 0 ? Proc.compilerTicks(gatewayPid) : 0;
        this.bench = Proc.ticks(self);
        sample(true);
        sampler = new Thread(() -> {
            while (sampling) {
                sample(false);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "usage-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Watches the gateway of this pid, or none with 0. */
    static Usage watch(long gatewayPid) {
        return new Usage(gatewayPid);
    }

    private synchronized void sample(boolean first) {
        ProcessHandle.allProcesses().filter(p -> Proc.command(p.pid()).equals("postgres")).forEach(p -> {
            long ticks = Proc.ticks(p.pid());
            long[] seen = postgres.computeIfAbsent(p.pid(), pid -> new long[] {first ? ticks : 0, ticks});
            seen[1] = Math.max(seen[1], ticks);
        });
        if (gatewayPid > 0) {
            rssPeakMib = Math.max(rssPeakMib, Proc.rssMib(gatewayPid));
        }
    }

    Report stop() throws InterruptedException {
        sampling = false;
        sampler.join();
        sample(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] now = Proc.machine();
        long postgresTicks;
        synchronized (this) {
            postgresTicks = postgres.values().stream().mapToLong(seen -> seen[1] - seen[0]).sum();
        }
        return new Report((now[0] - machine[0]) / (double) Math.max(1, now[1] - machine[1]),
                Runtime.getRuntime().availableProcessors(),
                gatewayPid > 0 ? cores(Proc.ticks(gatewayPid) - gateway, seconds) : 0,
                gatewayPid > 0 ? cores(Proc.compilerTicks(gatewayPid) - gatewayCompiler, seconds) : 0,
                cores(postgresTicks, seconds), cores(Proc.ticks(self) - bench, seconds), rssPeakMib);
    }

    private static double cores(long ticks, double seconds) {
        return ticks / Proc.TICKS_PER_SECOND / seconds;
    }

    /**
     * Cores used on average over the measurement by each, and the gateway's highest resident memory.
     * {@code gatewayCompilerCores} is the part of {@code gatewayCores} its JIT compiler threads used: a gateway still
     * warming up spends much of its CPU there, which a long-running one no longer does.
     */
    record Report(double machineBusy, int cores, double gatewayCores, double gatewayCompilerCores,
            double postgresCores, double benchCores, double rssPeakMib) {

        /** Everything else on the machine: other people's work, for one. */
        double othersCores() {
            return Math.max(0, machineBusy * cores - gatewayCores - postgresCores - benchCores);
        }

        /** Milliseconds of the gateway's CPU for each of {@code perSecond} things a second. */
        double gatewayMillisEach(double perSecond) {
            return gatewayCores * 1000 / perSecond;
        }

        double postgresMillisEach(double perSecond) {
            return postgresCores * 1000 / perSecond;
        }

        String summary() {
            return String.format(Locale.ROOT, "machine %.0f%% busy (%d cores); cores used: gateway %.2f (its JIT "
                    + "compiler %.2f), Postgres %.2f, bench JVM (load and stand-in) %.2f, everything else %.2f",
                    machineBusy * 100, cores, gatewayCores, gatewayCompilerCores, postgresCores, benchCores,
                    othersCores());
        }
    }
}
