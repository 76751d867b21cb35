package com.kustomergateway.bench;

import com.kustomergateway.testing.GatewayProcess;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The relay draining a queue: the accepting gateway stores N customer updates (each for a customer of its own, so
 * none waits for another), then stops; a delivering gateway starts on that outbox and delivers them to a stand-in
 * that answers at once. Deliveries per second run from the first PATCH the stand-in receives to the last; CPU is
 * counted from the moment the gateway is up. In the full run, the same again with a stand-in answering in 100 ms.
 */
final class RelayThroughput implements Scenario {

    @Override
    public String title() {
        return "Relay: a queue delivered to a Kustomer stand-in";
    }

    @Override
    public List<Figure> run(BenchRun run) throws Exception {
        List<Figure> figures = new ArrayList<>(drain(run, "instant", run.settings.relayOperations(), Duration.ZERO));
        if (run.settings.delayedRelayOperations() > 0) {
            figures.addAll(drain(run, "100ms", run.settings.delayedRelayOperations(), Duration.ofMillis(100)));
        }
        return figures;
    }

    private static List<Figure> drain(BenchRun run, String name, int operations, Duration kustomerDelay)
            throws Exception {
        String prefix = "cust_relay_" + name + "_";
        try (Connection db = run.connect(); Statement st = db.createStatement()) {
            // What earlier scenarios left queued would be delivered too: only this scenario's queue is measured.
            st.execute("DELETE FROM " + run.outbox.schema + ".operation WHERE status = 'QUEUED'");
        }
        run.load(run.accepting()).count(run.settings.clients(), operations, n -> BenchRun.customerUpdate(prefix + n),
                BenchRun::succeeded).requireNoErrors("filling the queue");
        run.kustomer.reset();
        run.kustomer.respondAfter(kustomerDelay);
        run.takeArrivals();
        GatewayProcess gateway = run.relaying();
        Instant up = Instant.now();
        Usage usage = Usage.watch(gateway.pid());
        String delivered = "status = 'DELIVERED' AND resource_key LIKE 'customer:" + prefix + "%'";
        BenchRun.await(operations + " deliveries", Duration.ofSeconds(60 + operations / 10),
                () -> run.count(delivered) == operations);
        Usage.Report cpu = usage.stop();
        run.stopRelaying();
        run.kustomer.respondAfter(Duration.ZERO);
        List<Instant> patches = run.takeArrivals().stream()
                .filter(a -> a.method().equals("PATCH") && a.url().startsWith("/v1/customers/" + prefix))
                .map(BenchRun.Arrival::at).sorted().toList();
        if (patches.size() != operations) {
            throw new IllegalStateException("the stand-in received " + patches.size() + " of " + operations
                    + " customer updates");
        }
        double seconds = ChronoUnit.MICROS.between(patches.get(0), patches.get(operations - 1)) / 1e6;
        double perSecond = (operations - 1) / seconds;
        long measured = patches.stream().filter(at -> !at.isBefore(up)).count();
        double usageSeconds = ChronoUnit.MICROS.between(up, patches.get(operations - 1)) / 1e6;
        double gatewayMillisEach = cpu.gatewayCores() * usageSeconds * 1000 / Math.max(1, measured);
        double postgresMillisEach = cpu.postgresCores() * usageSeconds * 1000 / Math.max(1, measured);
        BenchRun.Baseline baseline = run.baseline();
        String stand = kustomerDelay.isZero() ? "stand-in at once" : "stand-in in " + kustomerDelay.toMillis() + " ms";
        return List.of(
                Figure.of("deliveries, " + stand, perSecond, "/s", String.format(Locale.ROOT, "%d operations in "
                        + "%.1f s; %s", operations, seconds, cpu.summary())).against(baseline.insertsPerSecond()),
                Figure.of("gateway CPU per delivery, " + stand, gatewayMillisEach, "ms", "")
                        .against(baseline.postgresMillisEach()),
                Figure.of("Postgres CPU per delivery, " + stand, postgresMillisEach, "ms", "")
                        .against(baseline.postgresMillisEach()));
    }
}
