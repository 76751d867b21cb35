package com.kustomergateway.adapters.kustomer.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** The bodies Kustomer answers with, in its own shapes: JSON:API envelopes, bulk jobs and batches, errors. */
final class KustomerBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private KustomerBodies() {
    }

    record CreatedObject(String id, String externalId) {
    }

    static JsonNode metadata(String resource, ObjectNode properties) {
        ObjectNode attributes = JSON.createObjectNode();
        attributes.set("properties", properties);
        return envelope("metadata", resource, attributes);
    }

    static JsonNode jobStatus(String jobId, boolean complete) {
        ObjectNode attributes = JSON.createObjectNode();
        attributes.put("status", complete ? "complete" : "running");
        attributes.put("completed", complete);
        attributes.put("context", "api");
        attributes.put("createdAt", Instant.now().toString());
        return envelope("bulk_operation", jobId, attributes);
    }

    static JsonNode batches(List<CreatedObject> items) {
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

    static JsonNode envelope(String type, String id, JsonNode attributes) {
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
    static JsonNode error(String code, String message) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putArray("errors").addObject();
        error.put("code", code);
        error.put("message", message);
        error.putObject("meta");
        return root;
    }

    /** Kustomer's JSON:API error shape, which it uses for a missing resource. */
    static JsonNode notFound() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putArray("errors").addObject();
        error.put("status", 404);
        error.put("code", "not_found");
        error.put("title", "Not Found");
        error.put("detail", "The requested resource was not found");
        return root;
    }

    static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
