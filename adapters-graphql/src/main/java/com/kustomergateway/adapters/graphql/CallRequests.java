package com.kustomergateway.adapters.graphql;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * How an HTTP call to {@code /graphql} carries its request (a JSON body, an {@code application/graphql} body, or
 * URL parameters), read strictly: a part of the wrong JSON type is a {@link Refused}, not a guess.
 */
final class CallRequests {

    private CallRequests() {
    }

    /** What a POST carries: a JSON request, or with application/graphql the query alone ({@code json} null). */
    record Posted(String query, JsonObject extensions, String operationName, JsonObject json) {
    }

    static Posted posted(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw new Refused(TransportCode.MALFORMED_REQUEST,
                    "The request has no body; send {\"query\": \"…\", \"variables\": {…}}");
        }
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && contentType.startsWith("application/graphql")
                && !contentType.startsWith("application/graphql-response")) {
            return new Posted(text, null, null, null);
        }
        JsonObject request;
        try {
            request = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw new Refused(TransportCode.MALFORMED_REQUEST,
                    "The request body is not a JSON object; send {\"query\": \"…\", \"variables\": {…}}");
        }
        Object query = request.getValue("query");
        if (query != null && !(query instanceof String)) {
            throw new Refused(TransportCode.MALFORMED_REQUEST, "\"query\" must be text");
        }
        Object variables = request.getValue("variables");
        if (variables != null && !(variables instanceof JsonObject)) {
            throw new Refused(TransportCode.MALFORMED_REQUEST, "\"variables\" must be a JSON object");
        }
        Object operationName = request.getValue("operationName");
        if (operationName != null && !(operationName instanceof String)) {
            throw new Refused(TransportCode.MALFORMED_REQUEST, "\"operationName\" must be text");
        }
        Object extensions = request.getValue("extensions");
        if (extensions != null && !(extensions instanceof JsonObject)) {
            throw new Refused(TransportCode.MALFORMED_REQUEST, "\"extensions\" must be a JSON object");
        }
        return new Posted((String) query, (JsonObject) extensions, (String) operationName, request);
    }

    /** A URL parameter holding JSON, which must be an object. */
    static JsonObject jsonParameter(String text, String name) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw new Refused(TransportCode.MALFORMED_REQUEST, "\"" + name + "\" must be a JSON object");
        }
    }
}
