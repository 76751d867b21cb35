package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.InvalidInputException;

import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
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
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.api.ErrorExtensionProvider;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.graphql.execution.error.ErrorInfoMap;
import io.smallrye.graphql.schema.model.ErrorInfo;
import io.smallrye.graphql.spi.EventingService;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;

import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The one place where what went wrong becomes what a GraphQL caller is told, a {@link GatewayError}: input the
 * domain refused, a call the door, the schema or a role refused, and failures no rule explains (a reference to quote;
 * the details go to the log). Resolvers run inside {@link #guard}; the door answers with {@link #responseBody}.
 * SmallRye calls it through {@code META-INF/services}: after each call, to give every error its code, including
 * those no resolver saw ({@link EventingService}), and for each error a resolver raised, to add
 * {@code extensions.violations} ({@link ErrorExtensionProvider}). Somewhat over 200 lines because it is the whole of
 * that job: split, the mapping would again live in several places.
 */
public final class Errors implements EventingService, ErrorExtensionProvider {

    private static final Logger LOG = Logger.getLogger(Errors.class);

    static final String UNAUTHENTICATED_MESSAGE = "This call needs a valid bearer token from the gateway's issuer";
    static final String FORBIDDEN_MESSAGE = "The caller's token does not carry the role this field needs";

    /** What the role checks that run before a resolver throw, by class name. */
    private static final Map<String, TransportCode> SECURITY_EXCEPTIONS = Map.of(
            UnauthorizedException.class.getName(), TransportCode.UNAUTHENTICATED,
            AuthenticationFailedException.class.getName(), TransportCode.UNAUTHENTICATED,
            ForbiddenException.class.getName(), TransportCode.FORBIDDEN);

    static {
        // SmallRye writes some errors itself (those ending a subscription's stream), naming them by this map.
        Map<String, ErrorInfo> codes = new HashMap<>();
        SECURITY_EXCEPTIONS.forEach((type, code) -> codes.put(type, new ErrorInfo(type, code.name())));
        ErrorInfoMap.register(codes);
    }

    /** For {@code java.util.ServiceLoader}, which SmallRye finds it with. */
    public Errors() {
    }

    /** Runs a resolver: what it throws leaves as a {@link GatewayError}, whatever it was. */
    static <T> T guard(Supplier<T> resolver) {
        try {
            return resolver.get();
        } catch (InvalidInputException e) {
            throw GatewayError.invalid(e);
        } catch (GatewayError e) {
            throw e;
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    /** A failure no rule explains: the caller gets a reference to quote, the log gets the details. */
    static GatewayError unexpected(Throwable e) {
        String reference = UUID.randomUUID().toString();
        if (databaseUnavailable(e)) {
            LOG.warnf("Database unavailable (reference %s): %s", reference, e.getMessage());
            return new GatewayError(TransportCode.DATABASE_UNAVAILABLE, "The gateway's database is unavailable, so "
                    + "nothing was accepted; try again shortly (reference " + reference + ")");
        }
        LOG.errorf(e, "Unexpected failure (reference %s)", reference);
        return new GatewayError(TransportCode.INTERNAL_ERROR,
                "The gateway failed unexpectedly; its log has the details under reference " + reference);
    }

    /** A connection that could not be had or was lost (SQLState class 08), anywhere in the cause chain. */
    private static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** An error of an executed call, with its stable code; a resolver's own pass through unchanged. */
    static GraphQLError recode(GraphQLError error) {
        if (error instanceof ExceptionWhileDataFetching fetching) {
            return recodeFetching(fetching);
        }
        if (error instanceof GatewayError) {
            return error;
        }
        if (error instanceof ValidationError validation) {
            String message = validation.getDescription();
            GatewayError refusal = missingValue(validation)
                    ? new GatewayError(ErrorCode.REQUIRED_VALUE_MISSING, message)
                    : new GatewayError(codeOf(validation), message);
            return refusal.at(validation.getLocations(), null);
        }
        GatewayError refusal = error instanceof NonNullableValueCoercedAsNullException
                ? new GatewayError(ErrorCode.REQUIRED_VALUE_MISSING, error.getMessage())
                : new GatewayError(codeOf(error), error.getMessage());
        return refusal.at(error.getLocations(), error.getPath());
    }

    private static GraphQLError recodeFetching(ExceptionWhileDataFetching error) {
        Throwable cause = error.getException();
        if (cause instanceof GatewayError) {
            return error;
        }
        TransportCode security = cause == null ? null : SECURITY_EXCEPTIONS.get(cause.getClass().getName());
        GatewayError refusal = security == null ? unexpected(cause) : new GatewayError(security,
                security == TransportCode.FORBIDDEN ? FORBIDDEN_MESSAGE : UNAUTHENTICATED_MESSAGE);
        return refusal.at(error.getLocations(), error.getPath());
    }

    /** Variables graphql-java could not read into the schema's types. */
    private static TransportCode codeOf(GraphQLError error) {
        if (error instanceof CoercingParseValueException) {
            return TransportCode.WRONG_TYPE;
        }
        if (error instanceof InputMapDefinesTooManyFieldsException || error instanceof UnknownOperationException) {
            return TransportCode.UNKNOWN_FIELD;
        }
        return TransportCode.INVALID_QUERY;
    }

    private static boolean missingValue(ValidationError error) {
        return error.getValidationErrorType() == ValidationErrorType.MissingFieldArgument
                || error.getValidationErrorType() == ValidationErrorType.NullValueForNonNullArgument;
    }

    private static TransportCode codeOf(ValidationError error) {
        if (!(error.getValidationErrorType() instanceof ValidationErrorType type)) {
            return TransportCode.INVALID_QUERY;
        }
        return switch (type) {
            case FieldUndefined -> introspection(error) ? TransportCode.INTROSPECTION_DISABLED
                    : TransportCode.UNKNOWN_FIELD;
            case UnknownArgument, UnknownType, UnknownDirective, UndefinedFragment, UndefinedVariable,
                    UnknownOperation -> TransportCode.UNKNOWN_FIELD;
            case WrongType, VariableTypeMismatch, BadValueForDefaultArg, NonInputTypeOnVariable ->
                    TransportCode.WRONG_TYPE;
            default -> TransportCode.INVALID_QUERY;
        };
    }

    /** With introspection switched off, the schema hides {@code __schema} and {@code __type} and what is in them. */
    private static boolean introspection(ValidationError error) {
        List<String> path = error.getQueryPath();
        return path != null && path.stream().anyMatch(field -> field.startsWith("__"));
    }

    /** A GraphQL response for a call refused before GraphQL ran: the same shape, with no data. */
    static String responseBody(TransportCode code, String message) {
        return Json.createObjectBuilder()
                .add("errors", errors(code, message))
                .addNull("data")
                .build().toString();
    }

    /** The {@code errors} of a refusal: one error, its message and its stable code. */
    static JsonArray errors(TransportCode code, String message) {
        return Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("message", message)
                .add("extensions", Json.createObjectBuilder().add("code", code.name()))).build();
    }

    /** Always on: no setting may leave callers without codes. */
    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public void afterExecute(Context context) {
        ExecutionResult result = context.unwrap(ExecutionResult.class);
        if (result == null || result.getErrors().isEmpty() || !(context instanceof SmallRyeContext smallRye)) {
            return;
        }
        smallRye.setExecutionResult(ExecutionResultImpl.newExecutionResult()
                .from(result)
                .errors(result.getErrors().stream().map(Errors::recode).toList())
                .build());
    }

    @Override
    public String getKey() {
        return "violations";
    }

    @Override
    public JsonValue mapValueFrom(Throwable exception) {
        return exception instanceof GatewayError error ? error.violations() : null;
    }
}
