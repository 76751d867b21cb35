package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.InvalidInputException;
import com.kustomergateway.domain.Violation;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.language.SourceLocation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The only exception that leaves a resolver. graphql-java copies a {@link GraphQLError}'s extensions into the
 * response, so {@code extensions.code} and {@code extensions.field} come from here;
 * {@link ViolationsExtension} adds the full list. Its message is written for callers: no class names, no stack.
 */
public final class GatewayError extends RuntimeException implements GraphQLError {

    private final ErrorCode code;
    private final List<Violation> violations;

    GatewayError(ErrorCode code, String message) {
        this(code, message, List.of(new Violation(code, "", message)));
    }

    private GatewayError(ErrorCode code, String message, List<Violation> violations) {
        super(message, null, false, false);
        this.code = code;
        this.violations = violations;
    }

    static GatewayError invalid(InvalidInputException e) {
        return new GatewayError(e.code(), e.getMessage(), e.violations());
    }

    ErrorCode code() {
        return code;
    }

    List<Violation> violations() {
        return violations;
    }

    @Override
    public Map<String, Object> getExtensions() {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        String field = violations.get(0).field();
        if (!field.isEmpty()) {
            extensions.put("field", field);
        }
        return extensions;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return null;
    }

    @Override
    public ErrorClassification getErrorType() {
        return ErrorType.DataFetchingException;
    }
}
