package com.kustomergateway.adapters.graphql;

import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The door of {@code /graphql}. Before GraphQL reads a byte, a call must fit the body limit; before its body is
 * parsed, its caller must hold a valid token; before it runs, it must be well-formed JSON holding a GraphQL
 * document (or a persisted query's hash, {@link PersistedQueries}) that stays within {@link CallLimits}, and by
 * GET only a query. A call turned away here is answered in GraphQL's error shape ({@link Errors#responseBody}),
 * with its {@link TransportCode}, and never reaches a resolver. Documents are read through
 * {@link DocumentCache}, the one GraphQL execution reads too.
 */
@ApplicationScoped
public class RequestGuard {

    /**
     * After CORS (so a browser can read the refusal) and after Quarkus attaches the caller's credentials, but
     * before Quarkus's own body-size check (-2), which would end the call with no body.
     */
    private static final int ORDER = -3;

    private final CallLimits limits;
    private final DocumentCache documents;
    private final PersistedQueries persisted;
    private final long maxBodySize;
    private final String path;
    private final boolean open;

    public RequestGuard(CallLimits limits, DocumentCache documents, PersistedQueries persisted,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql") String rootPath,
            @ConfigProperty(name = "quarkus.security.auth.enabled-in-dev-mode", defaultValue = "true")
            boolean authInDevMode) {
        this.limits = limits;
        this.documents = documents;
        this.persisted = persisted;
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
                .handler(ctx -> authenticate(ctx, ctx::next))
                .handler(this::checkPost)
                .failureHandler(this::bodyTooLarge);
        router.get(path).order(ORDER).handler(this::get);
    }

    /** Whether calls run without tokens: dev mode with authentication switched off. */
    boolean open() {
        return open;
    }

    private void checkDeclaredSize(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parses(length) > maxBodySize) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            refuse(ctx, new Refused(TransportCode.REQUEST_TOO_LARGE, tooLarge()));
            return;
        }
        ctx.next();
    }

    private void bodyTooLarge(RoutingContext ctx) {
        if (ctx.statusCode() == 413 && !ctx.response().ended()) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            refuse(ctx, new Refused(TransportCode.REQUEST_TOO_LARGE, tooLarge()));
            return;
        }
        ctx.next();
    }

    private String tooLarge() {
        return "The request body is larger than the gateway accepts (" + maxBodySize + " bytes); split the call";
    }

    private void authenticate(RoutingContext ctx, Runnable then) {
        if (open) {
            then.run();
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
                        then.run();
                    }
                },
                failure -> unauthenticated(ctx));
    }

    private static boolean isAnonymous(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous();
    }

    private void unauthenticated(RoutingContext ctx) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        refuse(ctx, new Refused(TransportCode.UNAUTHENTICATED, Errors.UNAUTHENTICATED_MESSAGE));
    }

    private void checkPost(RoutingContext ctx) {
        try {
            Posted posted = posted(ctx);
            String query = admit(posted.query(), posted.extensions(), posted.operationName(), false);
            if (posted.json() != null && posted.query() == null) {
                // Only the persisted query's hash came: GraphQL runs the query it stands for.
                setBody(ctx, posted.json().copy().put("query", query));
            }
            ctx.next();
        } catch (Refused refused) {
            refuse(ctx, refused);
        }
    }

    @SuppressWarnings("deprecation") // RoutingContext.setBody: how a handler before SmallRye's hands it another body
    private static void setBody(RoutingContext ctx, JsonObject body) {
        ctx.setBody(Buffer.buffer(body.encode()));
    }

    /**
     * GET, for queries only, with the query (or only its persisted hash) and its variables in the URL, so that
     * browsers and caches can keep answers. The WebSocket upgrade, also a GET, is {@link SubscriptionDoor}'s.
     */
    private void get(RoutingContext ctx) {
        if (SubscriptionDoor.isUpgrade(ctx)) {
            ctx.next();
            return;
        }
        authenticate(ctx, () -> {
            try {
                MultiMap params = ctx.queryParams();
                String variables = params.get("variables");
                String query = admit(params.get("query"), jsonParameter(params.get("extensions"), "extensions"),
                        params.get("operationName"), true);
                jsonParameter(variables, "variables");
                // SmallRye decodes the parameters it reads once more, and reads operationName from the query
                // parameter: it gets what it reads the way it reads it, and the document's one operation.
                params.set("query", URLEncoder.encode(query, StandardCharsets.UTF_8));
                if (variables != null) {
                    params.set("variables", URLEncoder.encode(variables, StandardCharsets.UTF_8));
                }
                params.remove("operationName");
                params.remove("extensions");
                ctx.next();
            } catch (Refused refused) {
                refuse(ctx, refused);
            }
        });
    }

    /**
     * The query a call runs, once the door has let it through: its own text, or the persisted query its hash names;
     * readable, within {@link CallLimits}, in the allow-list when there is one, and on GET a query. Shared by
     * HTTP and the WebSocket, whose {@code subscribe} messages carry the same request.
     */
    String admit(String query, JsonObject extensions, String operationName, boolean get) {
        String hash = persistedQueryHash(extensions);
        if (hash != null && query != null) {
            String actual = PersistedQueries.sha256(query);
            if (!actual.equals(hash)) {
                throw new Refused(TransportCode.MALFORMED_REQUEST, "The query's SHA-256 is " + actual
                        + ", not the persistedQuery.sha256Hash sent (" + hash + ")");
            }
        } else if (hash != null) {
            // The protocol's own words: Apollo's and other clients send the query when they read them.
            query = persisted.query(hash).orElseThrow(
                    () -> new Refused(TransportCode.PERSISTED_QUERY_NOT_FOUND, "PersistedQueryNotFound"));
        }
        if (query == null || query.isBlank()) {
            throw new Refused(TransportCode.MALFORMED_REQUEST, "The request has no \"query\" text");
        }
        DocumentCache.Shape shape = shape(query);
        if (!persisted.allows(shape)) {
            throw new Refused(TransportCode.PERSISTED_QUERY_NOT_ALLOWED, "This gateway runs only the "
                    + "queries registered in its allow-list (gateway.graphql.allow-list), and this is not one of them");
        }
        withinLimits(shape.cost());
        if (get) {
            readOnly(shape, operationName);
        }
        if (hash != null) {
            persisted.remember(hash, query);
        }
        return query;
    }

    private DocumentCache.Shape shape(String query) {
        try {
            return documents.shape(query);
        } catch (ParseCancelledTooDeepException e) {
            throw new Refused(TransportCode.QUERY_TOO_DEEP, "The query nests deeper than the gateway reads");
        } catch (ParseCancelledException e) {
            throw new Refused(TransportCode.QUERY_TOO_COMPLEX, "The query is longer than the gateway reads");
        } catch (InvalidSyntaxException | DocumentCost.FragmentCycle e) {
            throw new Refused(TransportCode.INVALID_QUERY, "The query is not valid GraphQL: " + e.getMessage());
        }
    }

    private void withinLimits(DocumentCost cost) {
        if (cost.depth() > limits.maxDepth()) {
            throw new Refused(TransportCode.QUERY_TOO_DEEP, "The query nests " + cost.depth()
                    + " fields deep; the gateway allows " + limits.maxDepth());
        } else if (cost.fields() > limits.maxComplexity()) {
            throw new Refused(TransportCode.QUERY_TOO_COMPLEX, "The query selects " + cost.fields()
                    + " fields once its fragments are expanded; the gateway allows " + limits.maxComplexity());
        } else if (cost.aliases() > limits.maxAliases()) {
            throw new Refused(TransportCode.TOO_MANY_ALIASES, "The query has " + cost.aliases()
                    + " aliased fields; the gateway allows " + limits.maxAliases());
        }
    }

    /** GET reads: a mutation or subscription must come by POST (GraphQL over HTTP: 405). */
    private static void readOnly(DocumentCache.Shape shape, String operationName) {
        boolean named = operationName != null && !operationName.isEmpty();
        Optional<OperationDefinition> operation = shape.operation(operationName);
        if (named && operation.isEmpty()) {
            throw new Refused(TransportCode.UNKNOWN_FIELD,
                    "The document has no operation named '" + operationName + "'");
        }
        if (named && shape.operations().size() > 1) {
            throw new Refused(TransportCode.MALFORMED_REQUEST,
                    "A GET request runs a document of one operation; send documents with several by POST");
        }
        if (operation.isPresent() && operation.get().getOperation() != OperationDefinition.Operation.QUERY) {
            throw new Refused(TransportCode.METHOD_NOT_ALLOWED, "A "
                    + operation.get().getOperation().name().toLowerCase(Locale.ROOT)
                    + " cannot be sent with GET, which only reads; send it with POST");
        }
    }

    /** {@code extensions.persistedQuery.sha256Hash}, or null when the request names no persisted query. */
    private static String persistedQueryHash(JsonObject extensions) {
        if (extensions == null || extensions.getValue("persistedQuery") == null) {
            return null;
        }
        if (!(extensions.getValue("persistedQuery") instanceof JsonObject persisted)
                || !(persisted.getValue("sha256Hash") instanceof String hash)
                || !hash.matches("[0-9a-fA-F]{64}")) {
            throw new Refused(TransportCode.MALFORMED_REQUEST,
                    "extensions.persistedQuery must be {\"version\": 1, \"sha256Hash\": \"<64 hex digits>\"}");
        }
        if (!Integer.valueOf(1).equals(persisted.getValue("version"))) {
            throw new Refused(TransportCode.MALFORMED_REQUEST,
                    "extensions.persistedQuery.version must be 1, the only version of the protocol");
        }
        return hash.toLowerCase(Locale.ROOT);
    }

    /** What a POST carries: a JSON request, or with application/graphql the query alone ({@code json} null). */
    private record Posted(String query, JsonObject extensions, String operationName, JsonObject json) {
    }

    private static Posted posted(RoutingContext ctx) {
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
    private static JsonObject jsonParameter(String text, String name) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw new Refused(TransportCode.MALFORMED_REQUEST, "\"" + name + "\" must be a JSON object");
        }
    }

    private static long parses(String number) {
        try {
            return Long.parseLong(number.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void refuse(RoutingContext ctx, Refused refused) {
        if (ctx.response().ended()) {
            return;
        }
        if (refused.code == TransportCode.METHOD_NOT_ALLOWED) {
            ctx.response().putHeader(HttpHeaders.ALLOW, "POST");
        }
        ctx.response().setStatusCode(refused.code.doorStatus())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8")
                .end(Errors.responseBody(refused.code, refused.getMessage()));
    }

    /** Why the door turns a call away: its stable code (which says the HTTP status) and message. */
    static final class Refused extends RuntimeException {
        final TransportCode code;

        Refused(TransportCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
