package com.kustomergateway.bootstrap.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.kustomergateway.bootstrap.GraphQL;
import com.kustomergateway.testing.GatewayProcess;

import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three gateways on one database act as one toward Kustomer (issue 13): one ceiling, one spend of Kustomer's
 * budget, one per-customer creation window, one pause. Kustomer's minute is shortened to {@link #WINDOW} in the
 * stand-in and in the gateways ({@code GATEWAY_KUSTOMER_RATE_WINDOW}, {@code _CREATIONS_WINDOW}), so a run takes
 * seconds per window rather than minutes.
 */
class FleetIT extends FaultTest {

    static final Duration WINDOW = Duration.ofSeconds(10);
    static final String DELIVERY_STATUS = "{ deliveryStatus { state reason pausedBy instancesDelivering "
            + "budget { spent left ceiling windowSeconds } } }";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Each instance's ceiling is 30 a window; together they send at most that, and nearly all of it while work
     * waits. The stand-in logs when each request arrived, not when the gateway took its slot: a window measured
     * there may catch one request more at its edge (a request delayed on its way by a few milliseconds), never two,
     * since slots are a thirtieth of a window apart. The gateways' own record of when each request left (the
     * attempts' exchanges) is held to the same, so a failure says which side bunched them: the gateways, or the way
     * to the stand-in (its largest delay is reported). Each instance first delivers one note, so that what is
     * measured is not a fresh JVM's first, slow requests arriving bunched behind its later ones.
     */
    @Test
    void threeInstancesWithACeilingOf30SendAtMost30AWindowTogether() {
        int ceiling = 30;
        List<GatewayProcess> fleet = startFleet("ceiling", g -> g
                .with("GATEWAY_KUSTOMER_REQUESTS_PER_MINUTE", Integer.toString(ceiling))
                .with("GATEWAY_KUSTOMER_RATE_WINDOW", WINDOW.toSeconds() + "s"));
        for (int i = 0; i < 3; i++) {
            note(fleet.get(i), "conv_warm_ceiling_" + i);
        }
        awaitAllDelivered(3, Duration.ofSeconds(30));
        kustomer.server().resetRequests();
        for (int i = 0; i < 120; i++) {
            note(fleet.get(i % 3), "conv_ceiling_" + i);
        }
        awaitTrue(() -> span(served()).compareTo(WINDOW.multipliedBy(2).plusSeconds(1)) > 0, Duration.ofMinutes(1),
                () -> "two windows of requests did not come: " + served().size());
        // The budget's windows start on multiples of WINDOW since the epoch, and the first slot of a window is taken
        // up to a thirtieth of it after its start: read the spend once the window is a second old, so it has some.
        awaitWindowAge(Duration.ofSeconds(1));
        JsonPath status = fleet.get(1).graphql(DELIVERY_STATUS, Map.of());

        List<Instant> served = served();
        List<Instant> sent = sentFor("conversation:conv_ceiling_");
        int most = mostInAnyWindow(served, WINDOW);
        int mostSent = mostInAnyWindow(sent, WINDOW);
        long slowestWay = slowestWay(sent, served).toMillis();
        double used = used(served, ceiling);
        report(String.format("fleet ceiling: 3 instances × %d per %d s each: requests=%d in %.1f s, most in any "
                + "window=%d as received (%d as sent, the slowest on its way %d ms), used %.0f%% of one ceiling",
                ceiling, WINDOW.toSeconds(), served.size(), span(served).toMillis() / 1000.0, most, mostSent,
                slowestWay, used * 100));
        assertThat(mostSent).as("requests sent in any window of %s, all instances together", WINDOW)
                .isLessThanOrEqualTo(ceiling + 1);
        assertThat(most).as("requests received in any window of %s, all instances together (the slowest %d ms on "
                + "its way)", WINDOW, slowestWay).isLessThanOrEqualTo(ceiling + 1);
        assertThat(used).as("share of the ceiling used while work waits").isBetween(0.9, 1.02);
        assertThat(status.getInt("data.deliveryStatus.instancesDelivering")).isEqualTo(3);
        assertThat(status.getInt("data.deliveryStatus.budget.ceiling")).isEqualTo(ceiling);
        assertThat(status.getInt("data.deliveryStatus.budget.spent")).isBetween(1, ceiling);
    }

    /**
     * Kustomer allows 60 requests a window; three instances spend it as one (no 429 but perhaps the one that
     * teaches them), keep one customer's creations within 120 a window between them, lose nothing when one is
     * killed, and then pause together for a 429 and a refused key seen by one of them.
     */
    @Test
    void threeInstancesShareKustomersBudgetACustomersWindowAndEveryPause() throws Exception {
        int budget = 60;
        kustomer.enforceBudget(budget, WINDOW);
        List<GatewayProcess> fleet = startFleet("budget", g -> g
                .with("GATEWAY_KUSTOMER_RATE_WINDOW", WINDOW.toSeconds() + "s")
                .with("GATEWAY_KUSTOMER_CREATIONS_WINDOW", WINDOW.toSeconds() + "s"));
        fleet.get(0).graphql(GraphQL.CREATE_KLASS, Map.of("name", "Fleet_Objects", "displayName", "Fleet",
                "description", "", "icon", ""));
        note(fleet.get(1), "conv_fleet_warm_1");
        note(fleet.get(2), "conv_fleet_warm_2");
        int warmUp = 3;
        awaitAllDelivered(warmUp, Duration.ofSeconds(30));
        kustomer.server().resetRequests();

        int operations = 300;
        for (int i = 0; i < 4; i++) {
            objectsFor(fleet.get(i % 3), "cust_fleet_busy", 60);
        }
        for (int i = 0; i < operations - 4; i++) {
            note(fleet.get(i % 3), "conv_fleet_" + i);
        }
        awaitTrue(() -> served().size() > budget * 3 / 2, Duration.ofMinutes(1), () -> "deliveries did not start");
        fleet.get(2).kill();
        awaitAllDelivered(operations + warmUp, Duration.ofMinutes(3));

        List<Instant> served = served();
        // While notes wait, every instance has work to spend the budget on. After the last note only the customer's
        // objects may be left: one operation at a time in their order, held by the customer's creation window, and
        // looked up in Kustomer object by object first if the killed instance had claimed them. No share of the
        // budget describes that tail, so the share is measured up to the last note.
        Instant lastNote = kustomer.server().findAll(postRequestedFor(urlPathMatching("/v1/conversations/.*/notes")))
                .stream().map(request -> request.getLoggedDate().toInstant()).max(Instant::compareTo).orElseThrow();
        List<Instant> whileNotesWait = served.stream().filter(at -> !at.isAfter(lastNote)).toList();
        double used = used(whileNotesWait, budget);
        int mostForOneCustomer = mostCreationsInAnyWindow("cust_fleet_busy");
        report(String.format("fleet budget: 3 instances (one killed after %d requests), %d operations, Kustomer "
                + "%d per %d s: requests=%d in %.1f s (%.0f%% of the budget), while notes waited %d in %.1f s, used "
                + "%.0f%% of it, 429s=%d, most creations for one customer in any window=%d", budget * 3 / 2,
                operations, budget, WINDOW.toSeconds(), served.size(), span(served).toMillis() / 1000.0,
                used(served, budget) * 100, whileNotesWait.size(), span(whileNotesWait).toMillis() / 1000.0,
                used * 100, kustomer.rateLimitedAnswers(), mostForOneCustomer));
        assertThat(kustomer.rateLimitedAnswers()).as("429s drawn").isLessThanOrEqualTo(1);
        assertThat(used).as("share of Kustomer's budget used while notes waited").isGreaterThanOrEqualTo(0.9);
        assertThat(mostForOneCustomer).as("objects created for one customer in any window of %s", WINDOW)
                .isBetween(1, 120);
        assertThat(kustomer.creations().keySet().stream().filter(key -> key.startsWith("note:")).count())
                .as("notes in Kustomer").isEqualTo(operations - 4 + 2);

        List<GatewayProcess> alive = fleet.subList(0, 2);
        aTooManyRequestsSeenByOnePausesAll(alive);
        aRefusedKeySeenByOnePausesAllAndOneProbesIt(alive, operations + warmUp);
    }

    private void aTooManyRequestsSeenByOnePausesAll(List<GatewayProcess> fleet) {
        kustomer.server().resetRequests();
        Instant reset = Instant.ofEpochSecond(Instant.now().getEpochSecond() + 6);
        kustomer.server().stubFor(post(urlPathMatching("/v1/conversations/.*/notes")).atPriority(1)
                .inScenario("limited").whenScenarioStateIs(STARTED).willSetStateTo("spent")
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withHeader("x-ratelimit-remaining", "0")
                        .withHeader("x-ratelimit-reset", Long.toString(reset.getEpochSecond()))
                        .withBody("{\"errors\":[{\"code\":\"too_many_requests\",\"message\":\"Rate limit exceeded\"}]}")));
        for (int i = 0; i < 20; i++) {
            note(fleet.get(i % 2), "conv_fleet_429_" + i);
        }
        awaitTrue(() -> outbox.count("status = 'DELIVERED' AND resource_key LIKE 'conversation:conv_fleet_429_%'")
                == 20, Duration.ofMinutes(1), () -> "the notes after the 429 were not delivered");

        List<LoggedRequest> requests = kustomer.server().findAll(anyRequestedFor(anyUrl())).stream()
                .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
        Instant limitedAt = requests.get(0).getLoggedDate().toInstant();
        // Requests that had their slot before the 429 was answered may still be on their way; none is sent later.
        long duringPause = requests.stream().map(r -> r.getLoggedDate().toInstant())
                .filter(at -> at.isAfter(limitedAt.plusSeconds(1)) && at.isBefore(reset)).count();
        report("fleet 429: requests from either instance between 1 s after the 429 and its reset=" + duringPause);
        assertThat(requests.get(0).getUrl()).contains("/notes");
        assertThat(duringPause).as("requests during the pause, any instance").isZero();
    }

    private void aRefusedKeySeenByOnePausesAllAndOneProbesIt(List<GatewayProcess> fleet, int deliveredBefore) {
        kustomer.server().stubFor(any(anyUrl()).atPriority(1).withId(java.util.UUID.nameUUIDFromBytes(
                "refused".getBytes())).willReturn(aResponse().withStatus(401).withHeader("Content-Type",
                        "application/json").withBody("{\"errors\":[{\"code\":\"unauthorized\",\"message\":\"Expired token\"}]}")));
        for (int i = 0; i < 20; i++) {
            note(fleet.get(i % 2), "conv_fleet_key_" + i);
        }
        fleet.forEach(gateway -> awaitTrue(() -> gateway.readiness() == 503, Duration.ofSeconds(30),
                () -> "readiness stayed up on " + gateway.url()));
        GatewayProcess.sleep(2_000);
        int before = kustomer.server().findAll(anyRequestedFor(anyUrl())).size();
        GatewayProcess.sleep(6_000);
        int probes = kustomer.server().findAll(anyRequestedFor(anyUrl())).size() - before;
        JsonPath status = fleet.get(0).graphql(DELIVERY_STATUS, Map.of());
        report("fleet refused key: probes in 6 s of pause, both instances together=" + probes
                + " (one every 2 s: GATEWAY_RELAY_CREDENTIALS_RECHECK)");
        assertThat(probes).as("requests in 6 s of pause, both instances").isBetween(1, 4);
        assertThat(status.getString("data.deliveryStatus.state")).isEqualTo("PAUSED_CREDENTIALS");
        assertThat(status.getString("data.deliveryStatus.pausedBy")).isNotBlank();
        assertThat(outbox.count("status = 'FAILED'")).isZero();

        kustomer.server().removeStub(java.util.UUID.nameUUIDFromBytes("refused".getBytes()));
        awaitAllDelivered(deliveredBefore + 40, Duration.ofMinutes(1));
        fleet.forEach(gateway -> awaitTrue(() -> gateway.readiness() == 200, Duration.ofSeconds(10),
                () -> "readiness stayed down on " + gateway.url()));
    }

    private List<GatewayProcess> startFleet(String name, UnaryOperator<GatewayProcess> settings) {
        List<CompletableFuture<GatewayProcess>> starting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            GatewayProcess gateway = settings.apply(gateway(name + "-" + i));
            starting.add(CompletableFuture.supplyAsync(gateway::start));
        }
        return starting.stream().map(CompletableFuture::join).toList();
    }

    private static void note(GatewayProcess gateway, String conversation) {
        gateway.graphql(GraphQL.ADD_NOTE, Map.of("conversationId", conversation, "noteBody", "fleet",
                "isInternal", true));
    }

    private static void objectsFor(GatewayProcess gateway, String customer, int count) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            objects.add(Map.of("title", "Object " + i, "customerId", customer,
                    "data", List.of(Map.of("key", "score", "value", Integer.toString(i)))));
        }
        gateway.graphql(GraphQL.CREATE_OBJECTS, Map.of("klassName", "Fleet_Objects", "objects", objects,
                "fieldTypes", List.of(Map.of("key", "score", "value", "num"))));
    }

    private List<Instant> served() {
        return kustomer.server().findAll(anyRequestedFor(anyUrl())).stream()
                .map(request -> request.getLoggedDate().toInstant()).sorted().toList();
    }

    /** When the gateways sent each request for the resources whose keys start so, as their attempts record it. */
    private List<Instant> sentFor(String resourceKeyPrefix) {
        List<Instant> sent = new ArrayList<>();
        outbox.query("SELECT (e->>'startedAt')::timestamptz FROM " + outbox.schema + ".delivery_attempt a JOIN "
                + outbox.schema + ".operation o ON o.id = a.operation_id CROSS JOIN LATERAL "
                + "jsonb_array_elements(a.exchanges) e WHERE o.resource_key LIKE '" + resourceKeyPrefix + "%' "
                + "ORDER BY 1", rows -> {
                    while (rows.next()) {
                        sent.add(rows.getTimestamp(1).toInstant());
                    }
                });
        return sent;
    }

    /**
     * The longest a request took from the gateway to the stand-in: sends and arrivals in order, paired (slots are far
     * enough apart that requests arrive in the order they left).
     */
    private static Duration slowestWay(List<Instant> sent, List<Instant> received) {
        Duration slowest = Duration.ZERO;
        for (int i = 0; i < Math.min(sent.size(), received.size()); i++) {
            Duration way = Duration.between(sent.get(i), received.get(i));
            slowest = way.compareTo(slowest) > 0 ? way : slowest;
        }
        return slowest;
    }

    private static void awaitWindowAge(Duration age) {
        long intoWindow = Math.floorMod(System.currentTimeMillis(), WINDOW.toMillis());
        if (intoWindow < age.toMillis()) {
            GatewayProcess.sleep(age.toMillis() - intoWindow);
        }
    }

    private static Duration span(List<Instant> served) {
        return served.size() < 2 ? Duration.ZERO : Duration.between(served.get(0), served.get(served.size() - 1));
    }

    /** Requests per window over the run, as a share of {@code perWindow}. */
    private static double used(List<Instant> served, int perWindow) {
        return (served.size() - 1) / (span(served).toMillis() / (double) WINDOW.toMillis()) / perWindow;
    }

    private static int mostInAnyWindow(List<Instant> served, Duration window) {
        int most = 0;
        for (int first = 0, last = 0; first < served.size(); first++) {
            while (last < served.size() && served.get(last).isBefore(served.get(first).plus(window))) {
                last++;
            }
            most = Math.max(most, last - first);
        }
        return most;
    }

    /** The most objects Kustomer received for the customer in any window, from the bulk and single creations. */
    private int mostCreationsInAnyWindow(String customer) {
        List<Instant> created = new ArrayList<>();
        for (LoggedRequest request : kustomer.server().findAll(anyRequestedFor(urlPathMatching("/v1/klasses/.+")))) {
            if (!request.getMethod().getName().equals("POST")) {
                continue;
            }
            JsonNode body = read(request.getBodyAsString());
            List<JsonNode> objects = new ArrayList<>();
            if (body.isArray()) {
                body.forEach(objects::add);
            } else {
                objects.add(body);
            }
            for (JsonNode object : objects) {
                if (customer.equals(object.path("customer").asText())) {
                    created.add(request.getLoggedDate().toInstant());
                }
            }
        }
        return mostInAnyWindow(created.stream().sorted().toList(), WINDOW);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
