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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
 * that status, batches and lookups by external id answer as Kustomer would. Its bodies' shapes are
 * {@link KustomerBodies}', its request budget {@link KustomerBudget}'s. Somewhat over 200 lines because it is one
 * org's state (objects, Klasses, customers, metadata, bulk jobs) that every route reads and writes: split by route,
 * that state would be handed from class to class.
 */
final class KustomerBehaviour implements ResponseDefinitionTransformerV2 {

    static final String NAME = "kustomer-stand-in";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Kustomer's own Klasses: they have metadata before anything is declared on them; a custom Klass has none. */
    private static final Set<String> STANDARD_RESOURCES = Set.of("customer", "company", "conversation", "message");

    private final String authorization;
    private final Map<String, List<KustomerBodies.CreatedObject>> bulkJobs = new ConcurrentHashMap<>();
    private final Map<String, String> objectIdsByKlassAndExternalId = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> metadataByResource = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> creations = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> customers = new ConcurrentHashMap<>();
    private final Map<String, String> klassIdsByName = new ConcurrentHashMap<>();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private volatile KustomerBudget budget = KustomerBudget.GENEROUS;

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
        budget = KustomerBudget.GENEROUS;
    }

    void enforceBudget(int limit, Duration window) {
        budget = new KustomerBudget(limit, window, true);
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
            return answer(401, KustomerBodies.error("unauthorized", "Missing or invalid API key"));
        }
        if (budget.enforced && !budget.take()) {
            rateLimited.incrementAndGet();
            return answer(429, KustomerBodies.error("too_many_requests", "Rate limit exceeded"));
        }
        String method = request.getMethod().getName();
        List<String> path = segments(request.getUrl());
        if (path.size() < 2 || !path.get(0).equals("v1")) {
            return answer(404, KustomerBodies.notFound());
        }
        List<String> route = path.subList(1, path.size());
        String resource = route.get(0);
        if (method.equals("POST") && route.size() == 3 && resource.equals("conversations") && route.get(2).equals("notes")) {
            return create(request, 201, KustomerSchemas::note, body -> {
                created("note:" + body.path("externalId").asText(""));
                return KustomerBodies.envelope("note", KustomerBodies.newId(), body);
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
            return create(request, 201, KustomerSchemas::kobject, body -> KustomerBodies.envelope("kobject",
                    remember(klass, body.path("externalId").asText(null)), body));
        }
        if (method.equals("POST") && route.size() == 3 && resource.equals("klasses") && route.get(2).equals("bulk")) {
            return create(request, 201, KustomerSchemas::bulk, body -> bulkJob(route.get(1), body));
        }
        if (method.equals("GET") && route.size() == 3 && resource.equals("klasses")
                && route.get(2).startsWith("externalId=")) {
            String id = objectIdsByKlassAndExternalId.get(key(route.get(1), route.get(2).substring("externalId=".length())));
            return id == null ? answer(404, KustomerBodies.notFound())
                    : answer(200, KustomerBodies.envelope("kobject", id, JSON.createObjectNode()));
        }
        if (method.equals("GET") && route.size() >= 2 && route.size() <= 3 && resource.equals("bulk")) {
            List<KustomerBodies.CreatedObject> items = bulkJobs.get(route.get(1));
            if (items == null || (route.size() == 3 && !route.get(2).equals("batches"))) {
                return answer(404, KustomerBodies.notFound());
            }
            return answer(200, route.size() == 2 ? KustomerBodies.jobStatus(route.get(1), true)
                    : KustomerBodies.batches(items));
        }
        if (method.equals("PUT") && route.size() == 2 && resource.equals("metadata")) {
            return create(request, 200, KustomerSchemas::metadata, body -> declare(route.get(1), body));
        }
        if (method.equals("GET") && route.size() == 2 && resource.equals("metadata")) {
            Optional<JsonNode> properties = metadata(route.get(1));
            if (properties.isEmpty() && !STANDARD_RESOURCES.contains(route.get(1))) {
                return answer(404, KustomerBodies.notFound());
            }
            return answer(200, KustomerBodies.metadata(route.get(1),
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
                return KustomerBodies.envelope("customer", route.get(1), body);
            });
        }
        return answer(404, KustomerBodies.notFound());
    }

    private ResponseDefinition create(Request request, int status, Function<JsonNode, List<String>> rules,
            Function<JsonNode, JsonNode> created) {
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !contentType.startsWith("application/json")) {
            return answer(400, KustomerBodies.error("bad_request", "Content-Type must be application/json"));
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.getBodyAsString());
        } catch (JsonProcessingException e) {
            return answer(400, KustomerBodies.error("bad_request", "Unexpected token in JSON"));
        }
        if (body == null || body.isMissingNode()) {
            return answer(400, KustomerBodies.error("bad_request", "a JSON body is required"));
        }
        List<String> problems = rules.apply(body);
        if (!problems.isEmpty()) {
            return answer(400, KustomerBodies.error("bad_request", String.join("; ", problems)));
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
            return KustomerBodies.metadata(resource, properties.deepCopy());
        }
    }

    /** Klass names are unique in an org: a second Klass of the same name is a conflict. */
    private ResponseDefinition createKlass(Request request) {
        ResponseDefinition[] conflict = new ResponseDefinition[1];
        ResponseDefinition created = create(request, 200, KustomerSchemas::klass, body -> {
            String name = body.path("name").asText();
            String id = KustomerBodies.newId();
            if (klassIdsByName.putIfAbsent(name, id) != null) {
                conflict[0] = answer(409,
                        KustomerBodies.error("conflict", "A klass named " + name + " already exists"));
                return JSON.createObjectNode();
            }
            created("klass:" + name);
            return KustomerBodies.envelope("klass", id, body);
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
        List<KustomerBodies.CreatedObject> created = new ArrayList<>();
        items.forEach(item -> {
            String externalId = item.path("externalId").asText(null);
            created.add(new KustomerBodies.CreatedObject(remember(klass, externalId), externalId));
        });
        String jobId = KustomerBodies.newId();
        bulkJobs.put(jobId, created);
        // Kustomer answers the create before the job has run; the stand-in runs it at once.
        return KustomerBodies.jobStatus(jobId, false);
    }

    private void created(String key) {
        creations.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    private String remember(String klass, String externalId) {
        String id = KustomerBodies.newId();
        created(klass + ":" + externalId);
        if (externalId != null) {
            objectIdsByKlassAndExternalId.put(key(klass, externalId), id);
        }
        return id;
    }

    private static String key(String klass, String externalId) {
        return klass + '\u0000' + externalId;
    }

    private ResponseDefinition answer(int status, JsonNode body) {
        KustomerBudget current = budget;
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("x-ratelimit-limit", Integer.toString(current.limit))
                .withHeader("x-ratelimit-remaining", Integer.toString(current.remaining()))
                .withHeader("x-ratelimit-reset", Long.toString(current.reset().getEpochSecond()))
                .withBody(body.toString())
                .build();
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
