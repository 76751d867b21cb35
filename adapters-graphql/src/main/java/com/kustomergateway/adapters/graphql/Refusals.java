package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.ErrorCode;

import graphql.ExceptionWhileDataFetching;
import graphql.GraphQLError;
import graphql.execution.InputMapDefinesTooManyFieldsException;
import graphql.execution.NonNullableValueCoercedAsNullException;
import graphql.execution.UnknownOperationException;
import graphql.schema.CoercingParseValueException;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

import jakarta.json.Json;
import jakarta.json.JsonArray;

import java.util.List;
import java.util.Map;

/**
 * The one place where a call refused outside the gateway's own rules gets its stable {@code extensions.code}:
 * refused at the door (no valid token, too large, not GraphQL, over a limit), by the schema (unknown fields, wrong
 * types, missing arguments) or by a resolver's role. Errors a resolver raised itself already carry their code
 * ({@link Errors}) and pass through unchanged.
 */
final class Refusals {

    static final String UNAUTHENTICATED_MESSAGE = "This call needs a valid bearer token from the gateway's issuer";
    static final String FORBIDDEN_MESSAGE = "The caller's token does not carry the role this field needs";

    /**
     * What the role checks that run before a resolver throw, by class name. SmallRye writes some errors itself
     * (those ending a subscription's stream), naming them by these codes once {@link StableErrorCodes} registers
     * them.
     */
    static final Map<String, ErrorCode> SECURITY_EXCEPTIONS = Map.of(
            UnauthorizedException.class.getName(), ErrorCode.UNAUTHENTICATED,
            AuthenticationFailedException.class.getName(), ErrorCode.UNAUTHENTICATED,
            ForbiddenException.class.getName(), ErrorCode.FORBIDDEN);

    private Refusals() {
    }

    static List<GraphQLError> recode(List<GraphQLError> errors) {
        return errors.stream().map(Refusals::recode).toList();
    }

    static GraphQLError recode(GraphQLError error) {
        if (error instanceof ExceptionWhileDataFetching fetching) {
            return recodeFetching(fetching);
        }
        if (error instanceof ValidationError validation) {
            return new Refusal(codeOf(validation), validation.getDescription(), validation.getLocations(),
                    null);
        }
        if (error instanceof NonNullableValueCoercedAsNullException) {
            return refusal(ErrorCode.REQUIRED_VALUE_MISSING, error);
        }
        if (error instanceof CoercingParseValueException) {
            return refusal(ErrorCode.WRONG_TYPE, error);
        }
        if (error instanceof InputMapDefinesTooManyFieldsException || error instanceof UnknownOperationException) {
            return refusal(ErrorCode.UNKNOWN_FIELD, error);
        }
        if (error instanceof Refusal || error instanceof GatewayError) {
            return error;
        }
        return refusal(ErrorCode.INVALID_QUERY, error);
    }

    private static GraphQLError recodeFetching(ExceptionWhileDataFetching error) {
        Throwable cause = error.getException();
        if (cause instanceof GatewayError) {
            return error;
        }
        ErrorCode security = cause == null ? null : SECURITY_EXCEPTIONS.get(cause.getClass().getName());
        if (security != null) {
            return new Refusal(security, security == ErrorCode.FORBIDDEN ? FORBIDDEN_MESSAGE : UNAUTHENTICATED_MESSAGE,
                    error.getLocations(), error.getPath());
        }
        GatewayError unexpected = Errors.unexpected(cause);
        return new Refusal(unexpected.code(), unexpected.getMessage(), error.getLocations(), error.getPath());
    }

    private static ErrorCode codeOf(ValidationError error) {
        ValidationErrorType type = error.getValidationErrorType() instanceof ValidationErrorType t ? t : null;
        if (type == null) {
            return ErrorCode.INVALID_QUERY;
        }
        return switch (type) {
            case FieldUndefined -> introspection(error) ? ErrorCode.INTROSPECTION_DISABLED : ErrorCode.UNKNOWN_FIELD;
            case UnknownArgument, UnknownType, UnknownDirective, UndefinedFragment, UndefinedVariable,
                    UnknownOperation -> ErrorCode.UNKNOWN_FIELD;
            case MissingFieldArgument, NullValueForNonNullArgument -> ErrorCode.REQUIRED_VALUE_MISSING;
            case WrongType, VariableTypeMismatch, BadValueForDefaultArg, NonInputTypeOnVariable -> ErrorCode.WRONG_TYPE;
            default -> ErrorCode.INVALID_QUERY;
        };
    }

    /** With introspection switched off, the schema hides {@code __schema} and {@code __type} and what is in them. */
    private static boolean introspection(ValidationError error) {
        List<String> path = error.getQueryPath();
        return path != null && path.stream().anyMatch(field -> field.startsWith("__"));
    }

    private static Refusal refusal(ErrorCode code, GraphQLError error) {
        return new Refusal(code, error.getMessage(), error.getLocations(), error.getPath());
    }

    /** A GraphQL response for a call refused before GraphQL ran: the same shape, with no data. */
    static String responseBody(String code, String message) {
        return Json.createObjectBuilder()
                .add("errors", errors(code, message))
                .addNull("data")
                .build().toString();
    }

    /** The {@code errors} of a refusal: one error, its message and its stable code. */
    static JsonArray errors(String code, String message) {
        return Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("message", message)
                .add("extensions", Json.createObjectBuilder().add("code", code))).build();
    }
}
