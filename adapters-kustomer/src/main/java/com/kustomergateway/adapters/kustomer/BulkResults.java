package com.kustomergateway.adapters.kustomer;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a finished bulk job made of its items, read from {@code GET /v1/bulk/{id}/batches}. Kustomer does not
 * document that answer's shape, so every plausible one is read: a list (or one) of batches whose attributes hold
 * {@code results} (each with {@code id} or {@code data.id}, its {@code externalId}, and a {@code status} or
 * {@code error}) and/or {@code objectIds} (or {@code ids}).
 *
 * @param byExternalId ids of created objects, by the external id the gateway gave them, when Kustomer names it
 * @param unnamedIds   ids of created objects Kustomer listed without an external id, in its order
 * @param failures     why each failed item failed
 */
record BulkResults(Map<String, String> byExternalId, List<String> unnamedIds, List<String> failures) {

    private static final Set<String> FAILED = Set.of("failed", "failure", "error", "errored", "rejected", "invalid");

    static BulkResults from(String body) {
        Map<String, String> named = new LinkedHashMap<>();
        List<String> unnamed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        JsonNode data = ResponseBodies.json(body).map(root -> root.path("data")).orElse(null);
        if (data != null) {
            for (JsonNode batch : data.isArray() ? data : List.of(data)) {
                JsonNode attributes = batch.has("attributes") ? batch.path("attributes") : batch;
                JsonNode results = attributes.path("results");
                if (results.isArray() && !results.isEmpty()) {
                    results.forEach(result -> read(result, named, unnamed, failures));
                } else {
                    JsonNode ids = attributes.has("objectIds") ? attributes.path("objectIds") : attributes.path("ids");
                    ids.forEach(id -> ResponseBodies.text(id).ifPresent(unnamed::add));
                }
            }
        }
        return new BulkResults(named, unnamed, failures);
    }

    private static void read(JsonNode result, Map<String, String> named, List<String> unnamed, List<String> failures) {
        Optional<String> id = ResponseBodies.text(result.path("id"))
                .or(() -> ResponseBodies.text(result.path("data").path("id")))
                .or(() -> ResponseBodies.text(result.path("_id")));
        Optional<String> externalId = ResponseBodies.text(result.path("externalId"))
                .or(() -> ResponseBodies.text(result.path("data").path("attributes").path("externalId")))
                .or(() -> ResponseBodies.text(result.path("data").path("externalId")));
        String status = ResponseBodies.text(result.path("status")).orElse("").toLowerCase(Locale.ROOT);
        JsonNode error = result.has("error") ? result.path("error") : result.path("errors");
        boolean failed = FAILED.contains(status) || !(error.isMissingNode() || error.isNull()) || id.isEmpty();
        if (failed) {
            failures.add(externalId.map(e -> e + ": ").orElse("") + reason(error, status));
        } else if (externalId.isPresent()) {
            named.put(externalId.get(), id.get());
        } else {
            unnamed.add(id.get());
        }
    }

    private static String reason(JsonNode error, String status) {
        JsonNode first = error.isArray() && !error.isEmpty() ? error.get(0) : error;
        return ResponseBodies.text(first)
                .or(() -> ResponseBodies.text(first.path("message")))
                .or(() -> ResponseBodies.text(first.path("detail")))
                .or(() -> ResponseBodies.text(first.path("title")))
                .or(() -> ResponseBodies.text(first.path("code")))
                .orElse(status.isEmpty() ? "no id in Kustomer's result" : status);
    }

    /**
     * The ids of the objects with these external ids, in their order: by name where Kustomer names them, otherwise
     * by position (all of a job's ids, when they are exactly as many as the objects). Empty when they cannot be
     * told apart.
     */
    Optional<List<String>> idsFor(List<String> externalIds) {
        if (unnamedIds.isEmpty() && byExternalId.size() == externalIds.size()
                && externalIds.stream().allMatch(byExternalId::containsKey)) {
            return Optional.of(externalIds.stream().map(byExternalId::get).toList());
        }
        if (byExternalId.isEmpty() && unnamedIds.size() == externalIds.size()) {
            return Optional.of(List.copyOf(unnamedIds));
        }
        return Optional.empty();
    }

    int createdCount() {
        return byExternalId.size() + unnamedIds.size();
    }
}
