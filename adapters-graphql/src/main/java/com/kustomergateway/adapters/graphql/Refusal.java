package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.ErrorCode;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorHelper;
import graphql.language.SourceLocation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A call, or one field of it, refused before a resolver could look at its input: by authentication, by the
 * schema or by a limit. graphql-java copies {@link #getExtensions()} into the response, so it carries its
 * {@code extensions.code} the way {@link GatewayError} does.
 */
record Refusal(ErrorCode code, String message, List<SourceLocation> locations, List<Object> path)
        implements GraphQLError {

    Refusal(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    @Override
    public String getMessage() {
        return message;
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
    public Map<String, Object> getExtensions() {
        return Map.of("code", code.name());
    }

    @Override
    public ErrorClassification getErrorType() {
        return ErrorType.ValidationError;
    }

    /** As graphql-java writes an error, but without its {@code classification}: {@code code} says it better. */
    @Override
    public Map<String, Object> toSpecification() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
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
