package com.kustomergateway.adapters.kustomer.standin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * How Kustomer answers, as far as the gateway relies on it: the key is checked, bodies are held to Kustomer's
 * rules, and what is created gets a fresh 24-hex id. Bulk jobs finish at once; their items are remembered so
 * that status, batches and lookups by external id answer as Kustomer would.
 */
final class KustomerBehaviour implements ResponseDefinitionTransformerV2 {

    static final String NAME = "kustomer-stand-in";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Kustomer's own Klasses: they have metadata before anything is declared on them; a custom Klass has none. */
    private static final Set<String> STANDARD_RESOURCES = Set.of("customer", "company", "conversation", "message");

    private final String authorization;
    private final Map<String, List<CreatedObject>> bulkJobs = new ConcurrentHashMap<>();
    private final Map<String, String> objectIdsByKlassAndExternalId = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> metadataByResource = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> creations = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> customers = new ConcurrentHashMap<>();
    private final Map<String, String> klassIdsByName = new ConcurrentHashMap<>();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private volatile Budget budget = Budget.GENEROUS;

    /**
     * Kustomer's org-wide budget: {@code limit} requests per fixed window, announced in the {@code x-ratelimit-*}
     * headers of every answer, and a 429 for each request past it.
     */
    private static final class Budget {
        static final Budget GENEROUS = new Budget(1_000_000, Duration.ofMinutes(1), false);

        final int limit;
        final Duration window;
        final boolean enforced;
        /** Windows turn on whole seconds, so the reset announced in epoch seconds is exact. */
        Instant windowStart = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int used;

        Budget(int limit, Duration window, boolean enforced) {
            this.limit = limit;
            this.window = window;
            this.enforced = enforced;
        }

        /** Counts a request; false when the window's budget was spent already. */
        synchronized boolean take() {
            roll();
            if (used >= limit) {
                return false;
            }
            used++;
            return true;
        }

        synchronized int remaining() {
            roll();
            return Math.max(0, limit - used);
        }

        synchronized Instant reset() {
            roll();
            return windowStart.plus(window);
        }

        private void roll() {
            Instant now = Instant.now();
            while (!now.isBefore(windowStart.plus(window))) {
                windowStart = windowStart.plus(window);
                used = 0;
            }
        }
    }

    private record CreatedObject(String id, String externalId) {
    }

    KustomerBehaviour(String apiKey) {
        this.authorization = "Bearer " + apiKey;
    }

    @Override
    public String getName() {
        return NAME;
    }

    /** Only the stand-in's own catch-all stub uses it, so tests' own stubs answer exactly as they say. */
    @Override
    public boolean applyGlobally() {
        return false;
    }

    void forget() {
        bulkJobs.clear();
        objectIdsByKlassAndExternalId.clear();
        metadataByResource.clear();
        creations.clear();
        customers.clear();
        klassIdsByName.clear();
        rateLimited.set(0);
        budget = Budget.GENEROUS;
    }

    void enforceBudget(int limit, Duration window) {
        budget = new Budget(limit, window, true);
    }

    int rateLimitedAnswers() {
        return rateLimited.get();
    }

    /** How often each note (by external id) and each custom object (by Klass and external id) was created. */
    Map<String, Integer> creations() {
        Map<String, Integer> counts = new TreeMap<>();
        creations.forEach((key, count) -> counts.put(key, count.get()));
        return counts;
    }

    /** The custom attributes a customer holds now: every update merged in the order it was received. */
    Optional<JsonNode> customer(String id) {
        return Optional.ofNullable(customers.get(id)).map(ObjectNode::deepCopy);
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        if (!authorization.equals(request.getHeader("Authorization"))) {
            return answer(401, error("unauthorized", "Missing or invalid API key"));
        }
        if (budget.enforced && !budget.take()) {
            rateLimited.incrementAndGet();
            return answer(429, error("too_many_requests", "Rate limit exceeded"));
        }
        String method = request.getMethod().getName();
        List<String> path = segments(request.getUrl());
        if (path.size() < 2 || !path.get(0).equals("v1")) {
            return notFound();
        }
        List<String> route = path.subList(1, path.size());
        String resource = route.get(0);
        if (method.equals("POST") && route.size() == 3 && resource.equals("conversations") && route.get(2).equals("notes")) {
            return create(request, 201, KustomerSchemas::note, body -> {
                created("note:" + body.path("externalId").asText(""));
                return envelope("note", newId(), body);
            });
        }
        if (method.equals("POST") && route.size() == 1 && resource.equals("klasses")) {
            return createKlass(request);
        }
        if (method.equals("GET") && route.size() == 1 && resource.equals("klasses")) {
            return klasses(request);
        }
        if (method.equals("POST") && route.size() == 2 && resource.equals("klasses")) {
            String klass = route.get(1);
            return create(request, 201, KustomerSchemas::kobject, body -> envelope("kobject",
                    remember(klass, body.path("externalId").asText(null)), body));
        }
        if (method.equals("POST") && route.size() == 3 && resource.equals("klasses") && route.get(2).equals("bulk")) {
            return create(request, 201, KustomerSchemas::bulk, body -> bulkJob(route.get(1), body));
        }
        if (method.equals("GET") && route.size() == 3 && resource.equals("klasses")
                && route.get(2).startsWith("externalId=")) {
            String id = objectIdsByKlassAndExternalId.get(key(route.get(1), route.get(2).substring("externalId=".length())));
            return id == null ? notFound() : answer(200, envelope("kobject", id, JSON.createObjectNode()));
        }
        if (method.equals("GET") && route.size() >= 2 && route.size() <= 3 && resource.equals("bulk")) {
            List<CreatedObject> items = bulkJobs.get(route.get(1));
            if (items == null || (route.size() == 3 && !route.get(2).equals("batches"))) {
                return notFound();
            }
            return answer(200, route.size() == 2 ? jobStatus(route.get(1), true) : batches(items));
        }
        if (method.equals("PUT") && route.size() == 2 && resource.equals("metadata")) {
            return create(request, 200, KustomerSchemas::metadata, body -> declare(route.get(1), body));
        }
        if (method.equals("GET") && route.size() == 2 && resource.equals("metadata")) {
            Optional<JsonNode> properties = metadata(route.get(1));
            if (properties.isEmpty() && !STANDARD_RESOURCES.contains(route.get(1))) {
                return notFound();
            }
            return answer(200, metadata(route.get(1),
                    (ObjectNode) properties.orElseGet(JSON::createObjectNode)));
        }
        if (method.equals("PATCH") && route.size() == 2 && resource.equals("customers")) {
            // The customer already exists in Kustomer: its id is the one in the path.
            return create(request, 200, KustomerSchemas::customerUpdate, body -> {
                customers.compute(route.get(1), (id, held) -> {
                    ObjectNode custom = held == null ? JSON.createObjectNode() : held;
                    body.path("custom").fields().forEachRemaining(field -> custom.set(field.getKey(), field.getValue()));
                    return custom;
                });
                return envelope("customer", route.get(1), body);
            });
        }
        return notFound();
    }

    private ResponseDefinition create(Request request, int status, Function<JsonNode, List<String>> rules,
            Function<JsonNode, JsonNode> created) {
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !contentType.startsWith("application/json")) {
            return answer(400, error("bad_request", "Content-Type must be application/json"));
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.getBodyAsString());
        } catch (JsonProcessingException e) {
            return answer(400, error("bad_request", "Unexpected token in JSON"));
        }
        if (body == null || body.isMissingNode()) {
            return answer(400, error("bad_request", "a JSON body is required"));
        }
        List<String> problems = rules.apply(body);
        if (!problems.isEmpty()) {
            return answer(400, error("bad_request", String.join("; ", problems)));
        }
        return answer(status, created.apply(body));
    }

    /** An attribute the org defined itself, as an admin does in Kustomer's settings. */
    void define(String resource, String name, String displayName) {
        ObjectNode properties = metadataByResource.computeIfAbsent(resource, r -> JSON.createObjectNode());
        synchronized (properties) {
            properties.putObject(name).put("displayName", displayName);
        }
    }

    /** The properties of a resource's metadata: what was declared or defined on it. */
    Optional<JsonNode> metadata(String resource) {
        ObjectNode properties = metadataByResource.get(resource);
        if (properties == null) {
            return Optional.empty();
        }
        synchronized (properties) {
            return Optional.of(properties.deepCopy());
        }
    }

    /** Properties not named are kept, as Kustomer documents for metadata updates. */
    private JsonNode declare(String resource, JsonNode body) {
        ObjectNode properties = metadataByResource.computeIfAbsent(resource, r -> JSON.createObjectNode());
        synchronized (properties) {
            JsonNode declared = body.path("properties");
            declared.fieldNames().forEachRemaining(name -> properties.set(name, declared.get(name)));
            return metadata(resource, properties.deepCopy());
        }
    }

    private static JsonNode metadata(String resource, ObjectNode properties) {
        ObjectNode attributes = JSON.createObjectNode();
        attributes.set("properties", properties);
        return envelope("metadata", resource, attributes);
    }

    /** Klass names are unique in an org: a second Klass of the same name is a conflict. */
    private ResponseDefinition createKlass(Request request) {
        ResponseDefinition[] conflict = new ResponseDefinition[1];
        ResponseDefinition created = create(request, 200, KustomerSchemas::klass, body -> {
            String name = body.path("name").asText();
            String id = newId();
            if (klassIdsByName.putIfAbsent(name, id) != null) {
                conflict[0] = answer(409, error("conflict", "A klass named " + name + " already exists"));
                return JSON.createObjectNode();
            }
            created("klass:" + name);
            return envelope("klass", id, body);
        });
        return conflict[0] != null ? conflict[0] : created;
    }

    /** Every Klass on the first page, none after it. */
    private ResponseDefinition klasses(Request request) {
        String page = request.queryParameter("page").isPresent() ? request.queryParameter("page").firstValue() : "1";
        ObjectNode root = JSON.createObjectNode();
        ArrayNode data = root.putArray("data");
        if ("1".equals(page)) {
            klassIdsByName.forEach((name, id) -> {
                ObjectNode klass = data.addObject();
                klass.put("type", "klass");
                klass.put("id", id);
                klass.putObject("attributes").put("name", name);
            });
        }
        root.putObject("meta").put("page", Integer.parseInt(page)).put("pageSize", 100);
        return answer(200, root);
    }

    private JsonNode bulkJob(String klass, JsonNode items) {
        List<CreatedObject> created = new ArrayList<>();
        items.forEach(item -> {
            String externalId = item.path("externalId").asText(null);
            created.add(new CreatedObject(remember(klass, externalId), externalId));
        });
        String jobId = newId();
        bulkJobs.put(jobId, created);
        // Kustomer answers the create before the job has run; the stand-in runs it at once.
        return jobStatus(jobId, false);
    }

    private static JsonNode jobStatus(String jobId, boolean complete) {
        ObjectNode attributes = JSON.createObjectNode();
        attributes.put("status", complete ? "complete" : "running");
        attributes.put("completed", complete);
        attributes.put("context", "api");
        attributes.put("createdAt", Instant.now().toString());
        return envelope("bulk_operation", jobId, attributes);
    }

    private static JsonNode batches(List<CreatedObject> items) {
        ArrayNode results = JSON.createArrayNode();
        ArrayNode objectIds = JSON.createArrayNode();
        for (CreatedObject item : items) {
            ObjectNode result = results.addObject();
            result.put("id", item.id());
            if (item.externalId() != null) {
                result.put("externalId", item.externalId());
            }
            result.put("status", "success");
            objectIds.add(item.id());
        }
        ObjectNode attributes = JSON.createObjectNode();
        attributes.put("status", "complete");
        attributes.set("results", results);
        attributes.set("objectIds", objectIds);
        ObjectNode batch = JSON.createObjectNode();
        batch.put("type", "bulk_batch");
        batch.put("id", newId());
        batch.set("attributes", attributes);
        ObjectNode root = JSON.createObjectNode();
        root.putArray("data").add(batch);
        return root;
    }

    private void created(String key) {
        creations.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    private String remember(String klass, String externalId) {
        String id = newId();
        created(klass + ":" + externalId);
        if (externalId != null) {
            objectIdsByKlassAndExternalId.put(key(klass, externalId), id);
        }
        return id;
    }

    private static String key(String klass, String externalId) {
        return klass + '\u0000' + externalId;
    }

    private static JsonNode envelope(String type, String id, JsonNode attributes) {
        ObjectNode data = JSON.createObjectNode();
        data.put("type", type);
        data.put("id", id);
        data.set("attributes", attributes);
        ObjectNode links = data.putObject("links");
        links.put("self", "/v1/" + type + "s/" + id);
        ObjectNode root = JSON.createObjectNode();
        root.set("data", data);
        return root;
    }

    /** Kustomer's plain error shape. */
    private static JsonNode error(String code, String message) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putArray("errors").addObject();
        error.put("code", code);
        error.put("message", message);
        error.putObject("meta");
        return root;
    }

    /** Kustomer's JSON:API error shape, which it uses for a missing resource. */
    private ResponseDefinition notFound() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putArray("errors").addObject();
        error.put("status", 404);
        error.put("code", "not_found");
        error.put("title", "Not Found");
        error.put("detail", "The requested resource was not found");
        return answer(404, root);
    }

    private ResponseDefinition answer(int status, JsonNode body) {
        Budget current = budget;
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("x-ratelimit-limit", Integer.toString(current.limit))
                .withHeader("x-ratelimit-remaining", Integer.toString(current.remaining()))
                .withHeader("x-ratelimit-reset", Long.toString(current.reset().getEpochSecond()))
                .withBody(body.toString())
                .build();
    }

    private static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static List<String> segments(String url) {
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        return Arrays.stream(path.split("/"))
                .filter(segment -> !segment.isEmpty())
                .map(segment -> URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8))
                .toList();
    }
}
