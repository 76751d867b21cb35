package com.kustomergateway.bootstrap.faults;

import com.kustomergateway.bootstrap.GraphQL;
import com.kustomergateway.testing.GatewayProcess;

import io.restassured.path.json.JsonPath;

import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/**
 * Operations of all four kinds, as frontends would send them, and what each should leave in Kustomer. Requests for
 * one resource are sent one after another by one sender, so their acceptance order is their sending order; the
 * resources are spread over the senders (and over the gateways, when there are several).
 */
final class Workload {

    /** One mutation to send, and the resource it writes. */
    record Request(String resource, String mutation, String query, Map<String, Object> variables,
            String customer, int sequence, String klass, int objects) {

        Request {
            variables = Map.copyOf(variables);
        }
    }

    /** A request the gateway acknowledged with an operation id. */
    record Accepted(Request request, String operationId) {

        /** What Kustomer should hold once, keyed as the stand-in counts creations. */
        List<String> creations() {
            return switch (request.mutation()) {
                case "addNoteToConversation" -> List.of("note:kgw-" + operationId);
                case "createCustomKlass" -> List.of("klass:" + request.klass());
                case "createCustomObjects" -> {
                    List<String> keys = new ArrayList<>();
                    for (int i = 0; i < request.objects(); i++) {
                        keys.add(request.klass() + ":kgw-" + operationId + "-" + i);
                    }
                    yield keys;
                }
                default -> List.of();
            };
        }
    }

    record Outcome(List<Accepted> accepted, List<JsonPath> refused) {
    }

    private final List<Request> requests = new ArrayList<>();
    private final String tag;
    private int keys;

    /**
     * About {@code size} operations: a few Klasses first, then notes, customer updates (each customer's counter
     * rising by one per update) and custom objects of those Klasses, one or ten at a time.
     */
    Workload(int size, String tag) {
        this.tag = tag;
        int klasses = Math.max(2, size / 100);
        for (int k = 0; k < klasses; k++) {
            requests.add(klass(k));
        }
        int[] sequences = new int[Math.max(4, size / 25)];
        for (int i = 0; requests.size() < size; i++) {
            switch (i % 5) {
                case 0, 1 -> requests.add(note(i % Math.max(3, size / 30), i));
                case 2, 3 -> {
                    int customer = i % sequences.length;
                    requests.add(update(customer, ++sequences[customer]));
                }
                default -> requests.add(objects(i % klasses, i % 4 == 0 ? 10 : 1, i));
            }
        }
    }

    int size() {
        return requests.size();
    }

    /** The last counter value sent for each customer. */
    Map<String, Integer> lastSequenceByCustomer(List<Accepted> accepted) {
        Map<String, Integer> last = new LinkedHashMap<>();
        for (Accepted a : accepted) {
            if (a.request().customer() != null) {
                last.merge(a.request().customer(), a.request().sequence(), Math::max);
            }
        }
        return last;
    }

    /** Sends everything with {@code senders} threads; request i goes to {@code gateway.apply(resource slot)}. */
    Outcome send(int senders, IntFunction<GatewayProcess> gateway) throws Exception {
        Map<Integer, List<Request>> bySender = new LinkedHashMap<>();
        List<Request> klassesFirst = requests.stream().filter(r -> r.mutation().equals("createCustomKlass")).toList();
        List<Accepted> accepted = Collections.synchronizedList(new ArrayList<>());
        List<JsonPath> refused = Collections.synchronizedList(new ArrayList<>());
        for (Request klass : klassesFirst) {
            sendOne(klass, () -> gateway.apply(0), accepted, refused);
        }
        for (Request request : requests) {
            if (!request.mutation().equals("createCustomKlass")) {
                bySender.computeIfAbsent(Math.floorMod(request.resource().hashCode(), senders), k -> new ArrayList<>())
                        .add(request);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<?>> futures = new ArrayList<>();
            bySender.forEach((slot, list) -> futures.add(pool.submit(() -> {
                for (Request request : list) {
                    sendOne(request, () -> gateway.apply(slot), accepted, refused);
                }
            })));
            for (Future<?> future : futures) {
                future.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(List.copyOf(accepted), List.copyOf(refused));
    }

    /**
     * Sends until a gateway answers, as a frontend with retries would: a request may have been accepted by a
     * gateway that died before answering, and its idempotency key makes the retry return that operation.
     */
    private static void sendOne(Request request, Supplier<GatewayProcess> gateway, List<Accepted> accepted,
            List<JsonPath> refused) {
        JsonPath response;
        try {
            // REST Assured also throws checked I/O exceptions, undeclared: every exception means "no answer yet".
            // In this thread, so that a call under way when the time is up is answered rather than abandoned.
            response = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .pollDelay(Duration.ZERO).pollInSameThread().ignoreExceptions()
                    .until(() -> gateway.get().graphql(request.query(), request.variables()), Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("no gateway answered " + request.mutation(), e);
        }
        String id = response.getString("data." + request.mutation() + ".operationId");
        if (id != null) {
            accepted.add(new Accepted(request, id));
        } else {
            refused.add(response);
        }
    }

    private Request klass(int k) {
        String name = klassName(k);
        return new Request("klass:" + name, "createCustomKlass", GraphQL.CREATE_KLASS, keyed(Map.of("name", name,
                "displayName", "Fault test " + k, "description", "", "icon", "")), null, 0, name, 0);
    }

    private Request note(int conversation, int i) {
        String id = "conv_" + tag + "_" + conversation;
        return new Request("conversation:" + id, "addNoteToConversation", GraphQL.ADD_NOTE,
                keyed(Map.of("conversationId", id, "noteBody", "note " + i + " 🙂", "isInternal", true)), null, 0,
                null, 0);
    }

    private Request update(int customer, int sequence) {
        String id = "cust_" + tag + "_" + customer;
        return new Request("customer:" + id, "updateCustomerData", GraphQL.UPDATE_CUSTOMER, keyed(Map.of("customerId",
                id, "personalizationData", List.of(Map.of("key", "counterNum", "value", Integer.toString(sequence)),
                        Map.of("key", "loyalty_tier", "value", "tier-" + sequence)))), id, sequence, null, 0);
    }

    private Request objects(int k, int count, int i) {
        String name = klassName(k);
        List<Map<String, Object>> objects = new ArrayList<>();
        for (int o = 0; o < count; o++) {
            objects.add(Map.of("title", "Object " + i + "/" + o, "customerId", "cust_" + tag + "_" + (o % 7),
                    "data", List.of(Map.of("key", "score", "value", Integer.toString(o)))));
        }
        return new Request("klass:" + name, "createCustomObjects", GraphQL.CREATE_OBJECTS, keyed(Map.of("klassName",
                name, "objects", objects, "fieldTypes", List.of(Map.of("key", "score", "value", "num")))), null, 0,
                name, count);
    }

    private Map<String, Object> keyed(Map<String, Object> variables) {
        Map<String, Object> withKey = new LinkedHashMap<>(variables);
        withKey.put("idempotencyKey", tag + "-" + keys++);
        return withKey;
    }

    private String klassName(int k) {
        return "Fault_" + tag + "_" + k;
    }
}
