package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.ErrorCode;

import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.function.BiConsumer;

/**
 * The door of {@code POST /graphql}. Before GraphQL reads a byte, a call must fit the body limit; before its body
 * is parsed, its caller must hold a valid token; before it runs, it must be well-formed JSON holding a GraphQL
 * document that stays within {@link CallLimits}. A call turned away here is answered in GraphQL's error shape, with
 * the code from {@link Refusals}, and never reaches a resolver.
 */
@ApplicationScoped
public class RequestGuard {

    /**
     * After CORS (so a browser can read the refusal) and after Quarkus attaches the caller's credentials, but
     * before Quarkus's own body-size check (-2), which would end the call with no body.
     */
    private static final int ORDER = -3;

    private final CallLimits limits;
    private final long maxBodySize;
    private final String path;
    private final boolean open;

    public RequestGuard(CallLimits limits,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql") String rootPath,
            @ConfigProperty(name = "quarkus.security.auth.enabled-in-dev-mode", defaultValue = "true")
            boolean authInDevMode) {
        this.limits = limits;
        this.maxBodySize = maxBodySize.asLongValue();
        this.path = rootPath.startsWith("/") ? rootPath : "/" + rootPath;
        // Quarkus's own rule for switching security off: dev mode only, whatever the setting says elsewhere.
        this.open = LaunchMode.current() == LaunchMode.DEVELOPMENT && !authInDevMode;
    }

    void install(@Observes Router router) {
        BodyHandler body = BodyHandler.create().setBodyLimit(maxBodySize).setHandleFileUploads(false);
        router.post(path).order(ORDER)
                .handler(this::checkDeclaredSize)
                .handler(ctx -> {
                    if (!ctx.request().isEnded()) {
                        ctx.request().resume();
                    }
                    body.handle(ctx);
                })
                .handler(this::authenticate)
                .handler(this::checkDocument)
                .failureHandler(this::bodyTooLarge);
    }

    private void checkDeclaredSize(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parses(length) > maxBodySize) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            refuse(ctx, 413, ErrorCode.REQUEST_TOO_LARGE, tooLarge());
            return;
        }
        ctx.next();
    }

    private void bodyTooLarge(RoutingContext ctx) {
        if (ctx.statusCode() == 413 && !ctx.response().ended()) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            refuse(ctx, 413, ErrorCode.REQUEST_TOO_LARGE, tooLarge());
            return;
        }
        ctx.next();
    }

    private String tooLarge() {
        return "The request body is larger than the gateway accepts (" + maxBodySize + " bytes); split the call";
    }

    private void authenticate(RoutingContext ctx) {
        if (open) {
            ctx.next();
            return;
        }
        // Quarkus would answer a refused token with a bare 401; the caller is told in GraphQL's shape instead.
        ctx.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER,
                (BiConsumer<RoutingContext, Throwable>) (event, failure) -> unauthenticated(event));
        QuarkusHttpUser.getSecurityIdentity(ctx, null).subscribe().with(
                identity -> {
                    if (isAnonymous(identity)) {
                        unauthenticated(ctx);
                    } else {
                        ctx.next();
                    }
                },
                failure -> unauthenticated(ctx));
    }

    private static boolean isAnonymous(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous();
    }

    private void unauthenticated(RoutingContext ctx) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        refuse(ctx, 401, ErrorCode.UNAUTHENTICATED, Refusals.UNAUTHENTICATED_MESSAGE);
    }

    private void checkDocument(RoutingContext ctx) {
        String query;
        try {
            query = query(ctx);
        } catch (MalformedRequest e) {
            refuse(ctx, 400, ErrorCode.MALFORMED_REQUEST, e.getMessage());
            return;
        }
        Document document;
        try {
            document = Parser.parse(query);
        } catch (ParseCancelledTooDeepException e) {
            refuse(ctx, 200, ErrorCode.QUERY_TOO_DEEP, "The query nests deeper than the gateway reads");
            return;
        } catch (ParseCancelledException e) {
            refuse(ctx, 200, ErrorCode.QUERY_TOO_COMPLEX, "The query is longer than the gateway reads");
            return;
        } catch (InvalidSyntaxException e) {
            refuse(ctx, 200, ErrorCode.INVALID_QUERY, "The query is not valid GraphQL: " + e.getMessage());
            return;
        }
        DocumentCost cost;
        try {
            cost = DocumentCost.of(document);
        } catch (DocumentCost.FragmentCycle e) {
            refuse(ctx, 200, ErrorCode.INVALID_QUERY, "The query is not valid GraphQL: " + e.getMessage());
            return;
        }
        if (cost.depth() > limits.maxDepth()) {
            refuse(ctx, 200, ErrorCode.QUERY_TOO_DEEP, "The query nests " + cost.depth()
                    + " fields deep; the gateway allows " + limits.maxDepth());
        } else if (cost.fields() > limits.maxComplexity()) {
            refuse(ctx, 200, ErrorCode.QUERY_TOO_COMPLEX, "The query selects " + cost.fields()
                    + " fields once its fragments are expanded; the gateway allows " + limits.maxComplexity());
        } else if (cost.aliases() > limits.maxAliases()) {
            refuse(ctx, 200, ErrorCode.TOO_MANY_ALIASES, "The query has " + cost.aliases()
                    + " aliased fields; the gateway allows " + limits.maxAliases());
        } else {
            ctx.next();
        }
    }

    /** The GraphQL document of a call: the body itself for application/graphql, else the JSON body's "query". */
    private static String query(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw new MalformedRequest("The request has no body; send {\"query\": \"…\", \"variables\": {…}}");
        }
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && contentType.startsWith("application/graphql")
                && !contentType.startsWith("application/graphql-response")) {
            return text;
        }
        JsonObject request;
        try {
            request = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw new MalformedRequest("The request body is not a JSON object; send {\"query\": \"…\", \"variables\": {…}}");
        }
        if (!(request.getValue("query") instanceof String query) || query.isBlank()) {
            throw new MalformedRequest("The request has no \"query\" text");
        }
        Object variables = request.getValue("variables");
        if (variables != null && !(variables instanceof JsonObject)) {
            throw new MalformedRequest("\"variables\" must be a JSON object");
        }
        Object operationName = request.getValue("operationName");
        if (operationName != null && !(operationName instanceof String)) {
            throw new MalformedRequest("\"operationName\" must be text");
        }
        return query;
    }

    private static long parses(String number) {
        try {
            return Long.parseLong(number.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void refuse(RoutingContext ctx, int status, ErrorCode code, String message) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8")
                .end(Refusals.responseBody(code, message));
    }

    private static final class MalformedRequest extends RuntimeException {
        MalformedRequest(String message) {
            super(message, null, false, false);
        }
    }
}
