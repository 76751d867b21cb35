package com.kustomergateway.bench;

import com.kustomergateway.testing.GatewayProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The relay draining a queue: the accepting gateway stores a warm-up queue and then the measured one, of customer
 * updates (each for a customer of its own, so none waits for another), then stops; a delivering gateway starts on
 * that outbox and delivers them to a stand-in that answers at once. The warm-up queue is claimed first (the claim
 * goes in acceptance order) and warms the gateway's JIT; deliveries per second and CPU are measured from its last
 * delivery to the last PATCH of the measured queue. In the full run, the same again with a stand-in answering in
 * 100 ms.
 * {@code -Dbench.profile=true} also records the first drain with Java Flight Recorder.
 */
final class RelayThroughput implements Scenario {

    /** With {@code -Dbench.profile=true}: the drain to the stand-in that answers at once, from the gateway's start. */
    private static final Path RECORDING = Path.of("target", "bench", "relay.jfr");

    @Override
    public String title() {
        return "Relay: a queue delivered to a Kustomer stand-in";
    }

    @Override
    public List<Figure> run(BenchRun run) throws Exception {
        List<Figure> figures = new ArrayList<>(drain(run, "instant", run.settings.relayWarmUp(),
                run.settings.relayOperations(), Duration.ZERO));
        if (run.settings.delayedRelayOperations() > 0) {
            figures.addAll(drain(run, "100ms", run.settings.delayedRelayWarmUp(),
                    run.settings.delayedRelayOperations(), Duration.ofMillis(100)));
        }
        return figures;
    }

    private static List<Figure> drain(BenchRun run, String name, int warmUp, int operations, Duration kustomerDelay)
            throws Exception {
        String warmPrefix = "warm_relay_" + name + "_";
        String prefix = "cust_relay_" + name + "_";
        // The accepting gateway migrates the schema when it is the run's first.
        GatewayProcess accepting = run.accepting();
        run.forgetQueued();
        run.load(accepting).count(run.settings.clients(), warmUp, n -> BenchRun.customerUpdate(warmPrefix + n),
                BenchRun::succeeded).requireNoErrors("filling the warm-up queue");
        run.load(accepting).count(run.settings.clients(), operations, n -> BenchRun.customerUpdate(prefix + n),
                BenchRun::succeeded).requireNoErrors("filling the queue");
        run.kustomer.reset();
        run.kustomer.respondAfter(kustomerDelay);
        run.takeArrivals();
        GatewayProcess gateway = run.relaying();
        BenchRun.await(warmUp + " deliveries to warm up", Duration.ofSeconds(60 + warmUp / 10),
                () -> run.arrived("PATCH", "/v1/customers/" + warmPrefix) >= warmUp);
        Instant up = Instant.now();
        Usage usage = Usage.watch(gateway.pid());
        boolean profiled = run.profile && kustomerDelay.isZero();
        if (profiled) {
            AcceptPath.jcmd(gateway, "JFR.start", "name=relay", "settings=profile",
                    "filename=" + RECORDING.toAbsolutePath());
        }
        // Waited for at the stand-in: counting the outbox every 20 ms cost Postgres more than the relay did.
        BenchRun.await(operations + " deliveries", Duration.ofSeconds(60 + operations / 10),
                () -> run.arrived("PATCH", "/v1/customers/" + prefix) >= operations);
        String delivered = "status = 'DELIVERED' AND resource_key LIKE 'customer:" + prefix + "%'";
        BenchRun.await(operations + " deliveries recorded", Duration.ofSeconds(30),
                () -> run.count(delivered) == operations);
        Usage.Report cpu = usage.stop();
        if (profiled) {
            AcceptPath.jcmd(gateway, "JFR.stop", "name=relay");
            run.profiled("Relay, stand-in at once", RECORDING);
        }
        run.stopRelaying();
        run.kustomer.respondAfter(Duration.ZERO);
        List<Instant> patches = run.takeArrivals().stream()
                .filter(a -> a.method().equals("PATCH") && a.url().startsWith("/v1/customers/" + prefix))
                .map(BenchRun.Arrival::at).sorted().toList();
        if (patches.size() != operations) {
            throw new IllegalStateException("the stand-in received " + patches.size() + " of " + operations
                    + " customer updates");
        }
        long measured = patches.stream().filter(at -> !at.isBefore(up)).count();
        Instant first = patches.get((int) (operations - measured));
        double seconds = ChronoUnit.MICROS.between(first, patches.get(operations - 1)) / 1e6;
        double perSecond = (measured - 1) / seconds;
        double usageSeconds = ChronoUnit.MICROS.between(up, patches.get(operations - 1)) / 1e6;
        double gatewayMillisEach = cpu.gatewayCores() * usageSeconds * 1000 / Math.max(1, measured);
        double compilerMillisEach = cpu.gatewayCompilerCores() * usageSeconds * 1000 / Math.max(1, measured);
        double postgresMillisEach = cpu.postgresCores() * usageSeconds * 1000 / Math.max(1, measured);
        BenchRun.Baseline baseline = run.baseline();
        String stand = kustomerDelay.isZero() ? "stand-in at once" : "stand-in in " + kustomerDelay.toMillis() + " ms";
        return List.of(
                Figure.of("deliveries, " + stand, perSecond, "/s", String.format(Locale.ROOT,
                        "last %d of %d operations in %.1f s; %s", measured, operations, seconds, cpu.summary()))
                        .against(baseline.insertsPerSecond()),
                Figure.of("gateway CPU per delivery, " + stand, gatewayMillisEach, "ms", "")
                        .against(baseline.postgresMillisEach()),
                Figure.of("the same without its JIT compiler's threads", gatewayMillisEach - compilerMillisEach,
                        "ms", "what a gateway long warm would spend, at most").against(baseline.postgresMillisEach()),
                Figure.of("Postgres CPU per delivery, " + stand, postgresMillisEach, "ms", "")
                        .against(baseline.postgresMillisEach()));
    }
}
