package com.kustomergateway.bench;

import com.kustomergateway.testing.GatewayProcess;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How soon Kustomer hears of a change on an idle gateway: mutations one after another on the delivering gateway
 * (default await window), each answered {@code DELIVERED} before the next is sent. To Kustomer is from the
 * operation's {@code accepted_at} (taken in its transaction, just before the commit, so this overstates a little) to
 * the stand-in's receipt of the PATCH (stamped once the stand-in has matched it and built its answer, so this
 * overstates too); the round trip is the caller's. Measured on a warm gateway, as one that has
 * run for a while idles: the same mutations from 16 clients first (5,000 in the full run), each answered
 * {@code DELIVERED}, warm its accept and delivery paths (a gateway just started takes several times as long).
 */
final class IdleLatency implements Scenario {

    @Override
    public String title() {
        return "Idle latency: commit to Kustomer, one mutation at a time";
    }

    @Override
    public List<Figure> run(BenchRun run) throws Exception {
        GatewayProcess gateway = run.relaying();
        Load load = run.load(gateway);
        String prefix = "cust_latency_";
        load.count(run.settings.clients(), run.settings.latencyWarmUp(),
                n -> BenchRun.customerUpdate("warm_latency_" + n), IdleLatency::delivered)
                .requireNoErrors("warming the gateway up");
        run.takeArrivals();
        List<Double> roundTrips = new ArrayList<>();
        for (int i = 0; i < run.settings.latencyMutations(); i++) {
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
        Load.Latencies kustomer = Load.Latencies.ofMillis(toKustomer);
        Load.Latencies roundTrip = Load.Latencies.ofMillis(roundTrips);
        BenchRun.Baseline baseline = run.baseline();
        String note = run.settings.latencyMutations() + " mutations, after " + run.settings.latencyWarmUp()
                + " from " + run.settings.clients() + " clients";
        return List.of(Figure.of("commit to Kustomer p50", kustomer.p50(), "ms", note).against(baseline.p50Millis()),
                Figure.of("commit to Kustomer p99", kustomer.p99(), "ms", "").against(baseline.p99Millis()),
                Figure.of("of which: accepted to a worker's attempt, p50", Load.Latencies.ofMillis(toWorker).p50(),
                        "ms", "the commit, the relay waking, the claim, a worker taking it up"),
                Figure.of("of which: the rate gate's slot, p50", Load.Latencies.ofMillis(toSend).p50(), "ms", ""),
                Figure.of("of which: request sent to the stand-in's answer, p50", Load.Latencies.ofMillis(onTheWay)
                        .p50(), "ms", "the REST client, loopback, the stand-in matching it"),
                Figure.of("round trip answered DELIVERED p50", roundTrip.p50(), "ms", "").against(baseline.p50Millis()),
                Figure.of("round trip answered DELIVERED p99", roundTrip.p99(), "ms", "")
                        .against(baseline.p99Millis()));
    }

    private static double millisBetween(Instant from, Instant to) {
        return ChronoUnit.MICROS.between(from, to) / 1e3;
    }

    private static boolean delivered(String answer) {
        return answer.contains("\"status\":\"DELIVERED\"");
    }
}
