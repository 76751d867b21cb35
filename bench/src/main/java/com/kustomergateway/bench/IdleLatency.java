package com.kustomergateway.bench;

import com.kustomergateway.testing.GatewayProcess;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How soon Kustomer hears of a change on an idle gateway: mutations one at a time on the delivering gateway
 * (default await window), each answered {@code DELIVERED}, the next sent {@link #IDLE_PAUSE} later; then the same
 * back to back. To Kustomer is from the operation's {@code accepted_at} (taken just before its INSERT, so the insert
 * and its commit count) to the stand-in's receipt of the PATCH (stamped once the stand-in has matched it and built
 * its answer, so this overstates a little); the round trip is the caller's. Measured on a warm gateway, as one that
 * has run for a while idles: the same mutations from 16 clients first (5,000 in the full run), all delivered before
 * the measured ones start, warm its accept and delivery paths (a gateway just started takes several times as long).
 */
final class IdleLatency implements Scenario {

    @Override
    public String title() {
        return "Idle latency: commit to Kustomer, one mutation at a time";
    }

    /**
     * Between two mutations of the idle sample: long enough that the gateway has nothing left to do from the last
     * one (its settle, the dispatcher's round after it) when the next arrives, so that its threads and Postgres's
     * are asleep, as on a gateway that is really idle. Back to back they are still awake, and a change reaches
     * Kustomer sooner (1.6-1.7 ms against 2.9-3.0 ms at the median, bench/RESULTS.md).
     */
    static final Duration IDLE_PAUSE = Duration.ofMillis(20);

    @Override
    public List<Figure> run(BenchRun run) throws Exception {
        run.forgetQueued();
        GatewayProcess gateway = run.relaying();
        Load load = run.load(gateway);
        // Accepted is enough while warming up: a gateway just started (C2 alone interprets until it has compiled)
        // may not deliver its first calls within the await window; every measured call must be DELIVERED.
        load.count(run.settings.clients(), run.settings.latencyWarmUp(),
                n -> BenchRun.customerUpdate("warm_latency_" + n), BenchRun::succeeded)
                .requireNoErrors("warming the gateway up");
        // The claim goes in acceptance order: a measured mutation must not queue behind the warm-up's.
        BenchRun.await(run.settings.latencyWarmUp() + " warm-up deliveries",
                Duration.ofSeconds(60 + run.settings.latencyWarmUp() / 10),
                () -> run.arrived("PATCH", "/v1/customers/warm_latency_") >= run.settings.latencyWarmUp());
        Sample idle = measure(run, load, "cust_latency_", IDLE_PAUSE);
        Sample backToBack = measure(run, load, "cust_latency_next_", Duration.ZERO);
        BenchRun.Baseline baseline = run.baseline();
        String note = run.settings.latencyMutations() + " mutations " + IDLE_PAUSE.toMillis() + " ms apart, after "
                + run.settings.latencyWarmUp() + " from " + run.settings.clients() + " clients";
        return List.of(
                Figure.of("commit to Kustomer p50", idle.toKustomer().p50(), "ms", note).against(baseline.p50Millis()),
                Figure.of("commit to Kustomer p99", idle.toKustomer().p99(), "ms", "").against(baseline.p99Millis()),
                Figure.of("of which: accepted to a worker's attempt, p50", idle.toWorker().p50(), "ms",
                        "the commit, the relay waking, the claim, a worker taking it up"),
                Figure.of("of which: the rate gate's slot, p50", idle.toSend().p50(), "ms", ""),
                Figure.of("of which: request sent to the stand-in's answer, p50", idle.onTheWay().p50(), "ms",
                        "the REST client, loopback, the stand-in matching it"),
                Figure.of("round trip answered DELIVERED p50", idle.roundTrip().p50(), "ms", "")
                        .against(baseline.p50Millis()),
                Figure.of("round trip answered DELIVERED p99", idle.roundTrip().p99(), "ms", "")
                        .against(baseline.p99Millis()),
                Figure.of("back to back: commit to Kustomer p50", backToBack.toKustomer().p50(), "ms",
                        "each sent once the last was answered").against(baseline.p50Millis()),
                Figure.of("back to back: commit to Kustomer p99", backToBack.toKustomer().p99(), "ms", "")
                        .against(baseline.p99Millis()),
                Figure.of("back to back: of which accepted to a worker's attempt, p50", backToBack.toWorker().p50(),
                        "ms", ""));
    }

    /** One mutation at a time, each answered DELIVERED, {@code pause} between one's answer and the next. */
    private static Sample measure(BenchRun run, Load load, String prefix, Duration pause) throws Exception {
        run.takeArrivals();
        List<Double> roundTrips = new ArrayList<>();
        for (int i = 0; i < run.settings.latencyMutations(); i++) {
            Thread.sleep(pause.toMillis());
            long sent = System.nanoTime();
            String answer = load.post(BenchRun.customerUpdate(prefix + i));
            if (!delivered(answer)) {
                throw new IllegalStateException("mutation " + i + " was not delivered within the await window: "
                        + answer);
            }
            roundTrips.add((System.nanoTime() - sent) / 1e6);
        }
        Map<String, Instant> arrived = new HashMap<>();
        for (BenchRun.Arrival arrival : run.takeArrivals()) {
            if (arrival.method().equals("PATCH") && arrival.url().startsWith("/v1/customers/" + prefix)) {
                arrived.putIfAbsent("customer:" + arrival.url().substring("/v1/customers/".length()), arrival.at());
            }
        }
        List<Double> toKustomer = new ArrayList<>();
        List<Double> toWorker = new ArrayList<>();
        List<Double> toSend = new ArrayList<>();
        List<Double> onTheWay = new ArrayList<>();
        // The gateway's own record splits the way: accepted_at to its attempt's start (the commit, the relay waking,
        // the claim, a worker taking it up), to the request's start (the rate gate's slot), to the stand-in's answer.
        try (Connection db = run.connect(); Statement st = db.createStatement();
                ResultSet rows = st.executeQuery("SELECT o.resource_key, o.accepted_at, a.started_at, "
                        + "(a.exchanges->0->>'startedAt')::timestamptz FROM " + run.outbox.schema + ".operation o "
                        + "JOIN " + run.outbox.schema + ".delivery_attempt a ON a.operation_id = o.id "
                        + "WHERE o.resource_key LIKE 'customer:" + prefix + "%'")) {
            while (rows.next()) {
                Instant at = arrived.get(rows.getString(1));
                if (at != null) {
                    Instant accepted = rows.getObject(2, OffsetDateTime.class).toInstant();
                    Instant attempted = rows.getObject(3, OffsetDateTime.class).toInstant();
                    Instant sent = rows.getObject(4, OffsetDateTime.class).toInstant();
                    toKustomer.add(millisBetween(accepted, at));
                    toWorker.add(millisBetween(accepted, attempted));
                    toSend.add(millisBetween(attempted, sent));
                    onTheWay.add(millisBetween(sent, at));
                }
            }
        }
        if (toKustomer.size() != run.settings.latencyMutations()) {
            throw new IllegalStateException("matched " + toKustomer.size() + " of " + run.settings.latencyMutations()
                    + " mutations to the stand-in's arrivals");
        }
        return new Sample(Load.Latencies.ofMillis(toKustomer), Load.Latencies.ofMillis(toWorker),
                Load.Latencies.ofMillis(toSend), Load.Latencies.ofMillis(onTheWay),
                Load.Latencies.ofMillis(roundTrips));
    }

    private record Sample(Load.Latencies toKustomer, Load.Latencies toWorker, Load.Latencies toSend,
            Load.Latencies onTheWay, Load.Latencies roundTrip) {
    }

    private static double millisBetween(Instant from, Instant to) {
        return ChronoUnit.MICROS.between(from, to) / 1e3;
    }

    private static boolean delivered(String answer) {
        return answer.contains("\"status\":\"DELIVERED\"");
    }
}
