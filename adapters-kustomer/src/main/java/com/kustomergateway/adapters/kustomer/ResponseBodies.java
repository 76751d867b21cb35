package com.kustomergateway.adapters.kustomer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kustomergateway.domain.operation.DeliveryFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads Kustomer's answers: the JSON:API envelope around what was made, and its two shapes of error. */
final class ResponseBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MESSAGE_EXCERPT = 200;

    private ResponseBodies() {
    }

    static Optional<JsonNode> json(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(body));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** {@code data.id}: the id of what Kustomer made or changed. */
    static Optional<String> dataId(String body) {
        return json(body).flatMap(root -> text(root.path("data").path("id")));
    }

    /**
     * Kustomer's reason for an error status, in either of its shapes: {@code {"errors":[{"code","message"}]}} or
     * JSON:API's {@code {"errors":[{"status","code","title","detail","source"}]}}. A body that is neither is quoted.
     */
    static DeliveryFailure failure(int status, String body) {
        JsonNode errors = json(body).map(root -> root.path("errors")).orElse(null);
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            return DeliveryFailure.http(status, "http_" + status, excerpt(body, status));
        }
        String code = text(errors.get(0).path("code")).orElse("http_" + status);
        List<String> messages = new ArrayList<>();
        for (JsonNode error : errors) {
            messages.add(message(error));
        }
        return DeliveryFailure.http(status, code, String.join("; ", messages));
    }

    private static String message(JsonNode error) {
        String text = text(error.path("message"))
                .or(() -> text(error.path("detail")))
                .or(() -> text(error.path("title")))
                .or(() -> text(error.path("code")))
                .orElse("no message");
        JsonNode source = error.path("source");
        Optional<String> at = text(source.path("pointer")).map(pointer -> " (at " + pointer + ")")
                .or(() -> text(source.path("parameter")).map(parameter -> " (parameter " + parameter + ")"));
        return text + at.orElse("");
    }

    private static String excerpt(String body, int status) {
        if (body == null || body.isBlank()) {
            return "HTTP " + status + " with no body";
        }
        return body.length() <= MESSAGE_EXCERPT ? body : body.substring(0, MESSAGE_EXCERPT);
    }

    /** A JSON string or number as text; nothing for null, missing, empty or structured nodes. */
    static Optional<String> text(JsonNode node) {
        if (node == null || !(node.isTextual() || node.isNumber()) || node.asText().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }
}
