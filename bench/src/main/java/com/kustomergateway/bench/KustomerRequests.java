package com.kustomergateway.bench;

import com.kustomergateway.testing.GatewayProcess;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Kustomer's budget: one {@code createCustomObjects} of 100 objects into a new Klass, then another 100 with the
 * same attributes, each counted in requests the stand-in received until the operation is delivered. The first also
 * reads and declares the Klass's attributes (once per Klass); the second is what every later 100 objects cost.
 */
final class KustomerRequests implements Scenario {

    private static final int OBJECTS = 100;

    @Override
    public String title() {
        return "Kustomer requests per 100 custom objects";
    }

    @Override
    public List<Figure> run(BenchRun run) throws Exception {
        GatewayProcess gateway = run.relaying();
        String klass = "Bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Map<String, Long> first = requestsFor(run, gateway, klass, "first");
        Map<String, Long> next = requestsFor(run, gateway, klass, "next");
        return List.of(
                Figure.of("requests, first 100 objects of a Klass", total(first), "", byKind(first)),
                Figure.of("requests per 100 objects", total(next), "", byKind(next) + "; the goal is at most 3"));
    }

    private static Map<String, Long> requestsFor(BenchRun run, GatewayProcess gateway, String klass, String batch)
            throws Exception {
        run.takeArrivals();
        StringBuilder objects = new StringBuilder();
        for (int i = 0; i < OBJECTS; i++) {
            objects.append(i == 0 ? "" : ",").append("{\"title\":\"Preferences ").append(batch).append(' ').append(i)
                    .append("\",\"customerId\":\"cust_budget_").append(i)
                    .append("\",\"data\":[{\"key\":\"preferred_contact_method\",\"value\":\"email\"},")
                    .append("{\"key\":\"product_interest_score\",\"value\":\"8.5\"}]}");
        }
        String body = "{\"query\":\"mutation($objects: [CustomObjectInput!]!, $fieldTypes: [KeyValueInput!]!) { "
                + "createCustomObjects(klassName: \\\"" + klass + "\\\", objects: $objects, fieldTypes: $fieldTypes) "
                + "{ success operationId status } }\",\"variables\":{\"objects\":[" + objects + "],\"fieldTypes\":["
                + "{\"key\":\"preferred_contact_method\",\"value\":\"str\"},"
                + "{\"key\":\"product_interest_score\",\"value\":\"num\"}]}}";
        String answer = run.load(gateway).post(body);
        String id = answer.replaceAll(".*\"operationId\":\"([^\"]+)\".*", "$1");
        if (!BenchRun.succeeded(answer) || id.equals(answer)) {
            throw new IllegalStateException("createCustomObjects was refused: " + answer);
        }
        String settled = "id = '" + UUID.fromString(id) + "' AND status IN ('DELIVERED', 'FAILED')";
        BenchRun.await("delivery of " + OBJECTS + " objects", Duration.ofSeconds(60), () -> run.count(settled) == 1);
        long objectsDelivered = run.count("id = '" + id + "' AND status = 'DELIVERED' "
                + "AND jsonb_array_length(remote_ids) = " + OBJECTS);
        if (objectsDelivered != 1) {
            throw new IllegalStateException("the " + batch + " " + OBJECTS + " objects were not all delivered");
        }
        return run.takeArrivals().stream().collect(Collectors.groupingBy(
                a -> a.method() + " " + a.url().replaceAll("/[0-9a-f]{24}", "/{id}").replaceAll("\\?.*", "")
                        .replace(klass, "{klass}"),
                TreeMap::new, Collectors.counting()));
    }

    private static double total(Map<String, Long> byKind) {
        return byKind.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String byKind(Map<String, Long> byKind) {
        return byKind.entrySet().stream().map(e -> "`" + e.getKey() + "` " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
