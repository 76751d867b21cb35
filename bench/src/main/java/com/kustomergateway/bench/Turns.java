package com.kustomergateway.bench;

import com.kustomergateway.testing.GatewayProcess;

import java.time.Duration;

/**
 * One of several gateways compared in one run, loaded in turns with the others so that whatever else the machine
 * does meanwhile falls on each alike: its turns added up (mutations, seconds, its CPU) and its highest resident
 * memory in any of them.
 */
final class Turns {

    private final BenchRun run;
    private final GatewayProcess gateway;
    private final Load load;
    private final String prefix;
    private final int clients;
    long requests;
    private double seconds;
    private double cpuMillis;
    private double rssPeakMib;

    Turns(BenchRun run, GatewayProcess gateway, String prefix, int clients) {
        this.run = run;
        this.gateway = gateway;
        this.load = run.load(gateway);
        this.prefix = prefix;
        this.clients = clients;
    }

    void warmUp(Duration length) throws InterruptedException {
        load.during(clients, length, n -> BenchRun.customerUpdate(prefix + "warm_" + n), BenchRun::succeeded)
                .requireNoErrors("warm-up");
    }

    void turn(Duration length) throws InterruptedException {
        Usage usage = Usage.watch(gateway.pid());
        Load.Result result = load.during(clients, length,
                n -> BenchRun.customerUpdate(prefix + requests + "_" + n), BenchRun::succeeded).requireNoErrors(prefix);
        Usage.Report cpu = usage.stop();
        requests += result.requests();
        seconds += result.seconds();
        cpuMillis += cpu.gatewayCores() * result.seconds() * 1000;
        rssPeakMib = Math.max(rssPeakMib, cpu.rssPeakMib());
    }

    double perSecond() {
        return requests / seconds;
    }

    double cpuMillisEach() {
        return cpuMillis / requests;
    }

    double rssPeakMib() {
        return rssPeakMib;
    }

    /** Loads each in turn, {@code turns} times, each turn {@code total / turns} long. */
    static void alternate(Duration total, int turns, Turns... gateways) throws InterruptedException {
        Duration turn = total.dividedBy(turns);
        for (int i = 0; i < turns; i++) {
            for (Turns gateway : gateways) {
                gateway.turn(turn);
            }
        }
    }
}
