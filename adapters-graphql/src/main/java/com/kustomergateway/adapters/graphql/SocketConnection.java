package com.kustomergateway.adapters.graphql;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.smallrye.graphql.runtime.SmallRyeAuthGraphQLWSHandler;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One GraphQL WebSocket's door ({@link SubscriptionDoor} takes the upgrade): who it runs for, once
 * {@code connection_init} has said so, and each {@code subscribe} through {@link Admission} before the protocol
 * sees it.
 */
final class SocketConnection {

    static final String NO_TOKEN = "Unauthorized: no bearer token. Send connectionParams {\"Authorization\": "
            + "\"Bearer <token>\"}";
    static final String BAD_TOKEN = "Unauthorized: the bearer token is not valid (expired, not yet valid, from "
            + "another issuer or badly signed)";
    static final String NO_ROLE = "Forbidden: the token lacks the role " + Roles.AUDITOR
            + " that subscriptions need";
    static final String TWO_TOKENS = "Bad request: send the token once, in connectionParams or in the "
            + "Authorization header, not both";

    /**
     * What every connection's door shares: the checks a request passes, whether calls run without tokens, where the
     * caller's identity goes, and the {@code connection_init} payload key that holds the token.
     */
    record Door(Admission admission, boolean open, CurrentIdentityAssociation identities, String payloadKey) {
    }

    private final RoutingContext ctx;
    private final SocketProtocols.Session session;
    private final Map<String, Object> context;
    private final Door door;
    private volatile boolean initialised;
    private volatile Cancellable expiry;

    SocketConnection(RoutingContext ctx, SocketProtocols.Session session, Map<String, Object> context, Door door) {
        this.ctx = ctx;
        this.session = session;
        this.context = context;
        this.door = door;
    }

    /** Whether the client has sent {@code connection_init} (the upgrade closes a connection that does not in time). */
    boolean initialised() {
        return initialised;
    }

    /** {@code connection_init}: acknowledged through {@code acknowledge} once its caller may subscribe. */
    void init(JsonObject message, Runnable acknowledge) {
        initialised = true;
        if (door.open()) {
            acknowledge.run();
            return;
        }
        String fromPayload = token(message);
        boolean fromHeader = ctx.request().getHeader(HttpHeaders.AUTHORIZATION) != null;
        if (fromPayload != null && fromHeader) {
            session.close((short) 4400, TWO_TOKENS);
            return;
        }
        if (fromPayload == null && !fromHeader) {
            session.close((short) 4401, NO_TOKEN);
            return;
        }
        if (fromPayload != null) {
            // The payload's token counts as the upgrade's Authorization header would have.
            ctx.request().headers().set(HttpHeaders.AUTHORIZATION,
                    fromPayload.regionMatches(true, 0, "Bearer ", 0, 7) ? fromPayload : "Bearer " + fromPayload);
        }
        HttpAuthenticator authenticator = ctx.get(HttpAuthenticator.class.getName());
        Uni<SecurityIdentity> identity = authenticator == null ? Uni.createFrom().nullItem()
                : authenticator.attemptAuthentication(ctx);
        identity.subscribe().with(caller -> admit(caller, acknowledge),
                failure -> session.close((short) 4401, BAD_TOKEN));
    }

    private void admit(SecurityIdentity caller, Runnable acknowledge) {
        if (session.isClosed()) {
            return;
        }
        if (caller == null || caller.isAnonymous()) {
            session.close((short) 4401, BAD_TOKEN);
            return;
        }
        if (!caller.hasRole(Roles.AUDITOR)) {
            session.close((short) 4403, NO_ROLE);
            return;
        }
        QuarkusHttpUser.setIdentity(caller, ctx);
        runsFor(caller);
        expiry = SmallRyeAuthGraphQLWSHandler.createAuthExpiryTask(ctx, session);
        acknowledge.run();
    }

    /** Resolvers run in the request context of the upgrade (its state is in {@code context}): the caller goes there. */
    private void runsFor(SecurityIdentity caller) {
        ManagedContext requestContext = Arc.container().requestContext();
        InjectableContext.ContextState outer = requestContext.isActive() ? requestContext.getState() : null;
        requestContext.activate((InjectableContext.ContextState) context.get("state"));
        try {
            door.identities().setIdentity(caller);
        } finally {
            requestContext.deactivate();
            if (outer != null) {
                requestContext.activate(outer);
            }
        }
    }

    private String token(JsonObject message) {
        JsonValue payload = message.get("payload");
        if (payload instanceof JsonObject params && params.get(door.payloadKey()) instanceof JsonString token
                && !token.getString().isBlank()) {
            return token.getString().strip();
        }
        return null;
    }

    /**
     * {@code subscribe} (or {@code start}): its request through the door's checks; {@code run} gets it, with the
     * query a persisted query's hash stands for, or {@code refuse} gets the errors to answer with.
     */
    void subscribe(JsonObject message, Consumer<JsonObject> run, Consumer<JsonArray> refuse) {
        JsonObject payload = message.get("payload") instanceof JsonObject p ? p : JsonValue.EMPTY_JSON_OBJECT;
        try {
            String query = door.admission().query(text(payload, "query"), extensions(payload), text(payload, "operationName"),
                    false);
            if (text(payload, "query") == null) {
                payload = Json.createObjectBuilder(payload).add("query", query).build();
                message = Json.createObjectBuilder(message).add("payload", payload).build();
            }
            run.accept(message);
        } catch (Refused refused) {
            refuse.accept(Errors.errors(refused.code, refused.getMessage()));
        }
    }

    private static String text(JsonObject object, String name) {
        return object.get(name) instanceof JsonString text ? text.getString() : null;
    }

    private static io.vertx.core.json.JsonObject extensions(JsonObject payload) {
        return payload.get("extensions") instanceof JsonObject extensions
                ? new io.vertx.core.json.JsonObject(extensions.toString()) : null;
    }

    /**
     * A client's message: {@code connection_init} and subscriptions through the door first, the rest straight to
     * the protocol; a refused subscription is answered {@code error}, its payload as the protocol writes it.
     */
    void route(JsonObject message, String subscribeType, boolean acknowledged, Consumer<JsonObject> protocol,
            Function<JsonArray, JsonValue> errorPayload) {
        String type = message == null ? null : message.getString("type", null);
        if ("connection_init".equals(type)) {
            init(message, () -> protocol.accept(message));
        } else if (subscribeType.equals(type) && acknowledged) {
            subscribe(message, protocol, errors -> session.sendMessage(Json.createObjectBuilder()
                    .add("id", message.getString("id", "")).add("type", "error")
                    .add("payload", errorPayload.apply(errors)).build().toString()));
        } else {
            protocol.accept(message);
        }
    }

    void closed() {
        Cancellable pending = expiry;
        if (pending != null) {
            pending.cancel();
        }
    }
}
