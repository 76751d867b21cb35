package com.kustomergateway.adapters.graphql;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * The door of {@code /graphql}. Before GraphQL reads a byte, a call must fit the body limit; before its body is
 * parsed, its caller must hold a valid token; before it runs, it must be well-formed JSON holding a GraphQL
 * document (or a persisted query's hash, {@link PersistedQueries}) that stays within {@link CallLimits}, and by
 * GET only a query. A call turned away here is answered in GraphQL's error shape ({@link Errors#responseBody}),
 * with its {@link TransportCode}, and never reaches a resolver. What the request itself must be is
 * {@link Admission}'s; how it is read from the call, {@link CallRequests}'.
 */
@ApplicationScoped
public class RequestGuard {

    /**
     * After CORS (so a browser can read the refusal) and after Quarkus attaches the caller's credentials, but
     * before Quarkus's own body-size check (-2), which would end the call with no body.
     */
    private static final int ORDER = -3;

    private final Admission admission;
    private final long maxBodySize;
    private final String path;
    private final boolean open;

    public RequestGuard(Admission admission,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql") String rootPath,
            @ConfigProperty(name = "quarkus.security.auth.enabled-in-dev-mode", defaultValue = "true")
            boolean authInDevMode) {
        this.admission = admission;
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
            CallRequests.Posted posted = CallRequests.posted(ctx);
            String query = admission.query(posted.query(), posted.extensions(), posted.operationName(), false);
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
                String query = admission.query(params.get("query"), CallRequests.jsonParameter(params.get("extensions"), "extensions"),
                        params.get("operationName"), true);
                CallRequests.jsonParameter(variables, "variables");
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
}
