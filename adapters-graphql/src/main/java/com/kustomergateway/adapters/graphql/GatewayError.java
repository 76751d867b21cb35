package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.InvalidInputException;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorHelper;
import graphql.language.SourceLocation;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error as a GraphQL caller sees it: a stable {@code extensions.code}, the {@code extensions.field} at fault,
 * {@code extensions.violations} (every problem of the call) and a message written for callers (no class names, no
 * stack). Thrown by resolvers (graphql-java copies {@link #getExtensions()} into the response) and put in place of
 * errors graphql-java and SmallRye raised themselves, at their locations and path. {@link Errors} makes them.
 */
public final class GatewayError extends RuntimeException implements GraphQLError {

    /** One problem of the call: a code of the domain's or of {@link TransportCode}, where, and why. */
    private record Problem(String code, String field, String message) {
    }

    private final List<Problem> problems;
    private final List<SourceLocation> locations;
    private final List<Object> path;

    GatewayError(TransportCode code, String message) {
        this(message, List.of(new Problem(code.name(), "", message)), null, null);
    }

    GatewayError(ErrorCode code, String message) {
        this(message, List.of(new Problem(code.name(), "", message)), null, null);
    }

    private GatewayError(String message, List<Problem> problems, List<SourceLocation> locations, List<Object> path) {
        super(message, null, false, false);
        this.problems = problems;
        this.locations = locations;
        this.path = path;
    }

    static GatewayError invalid(InvalidInputException e) {
        return new GatewayError(e.getMessage(), e.violations().stream()
                .map(v -> new Problem(v.code().name(), v.field(), v.message())).toList(), null, null);
    }

    /** The same error, reported at a place in the document and the result. */
    GatewayError at(List<SourceLocation> locations, List<Object> path) {
        return new GatewayError(getMessage(), problems, locations, path);
    }

    String code() {
        return problems.get(0).code();
    }

    @Override
    public Map<String, Object> getExtensions() {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code());
        String field = problems.get(0).field();
        if (!field.isEmpty()) {
            extensions.put("field", field);
        }
        return extensions;
    }

    /** {@code extensions.violations}: each problem with its code, field and message. */
    JsonArray violations() {
        JsonArrayBuilder list = Json.createArrayBuilder();
        problems.forEach(p -> list.add(Json.createObjectBuilder()
                .add("code", p.code())
                .add("field", p.field())
                .add("message", p.message())));
        return list.build();
    }

    @Override
    public List<SourceLocation> getLocations() {
        return locations;
    }

    @Override
    public List<Object> getPath() {
        return path;
    }

    @Override
    public ErrorClassification getErrorType() {
        return ErrorType.DataFetchingException;
    }

    /**
     * As graphql-java writes an error, without its {@code classification} ({@code code} says it better). Used when
     * this error stands in the response's list itself; a resolver's is written by SmallRye from its extensions.
     */
    @Override
    public Map<String, Object> toSpecification() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", getMessage());
        if (locations != null) {
            error.put("locations", GraphqlErrorHelper.locations(locations));
        }
        if (path != null) {
            error.put("path", path);
        }
        error.put("extensions", getExtensions());
        return error;
    }
}
