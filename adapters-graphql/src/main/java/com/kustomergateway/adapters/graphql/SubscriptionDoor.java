package com.kustomergateway.adapters.graphql;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.smallrye.graphql.runtime.SmallRyeAuthGraphQLWSHandler;
import io.quarkus.smallrye.graphql.runtime.SmallRyeGraphQLAbstractHandler;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.graphql.websocket.GraphQLWebSocketSession;
import io.smallrye.graphql.websocket.GraphQLWebsocketHandler;
import io.smallrye.graphql.websocket.graphqltransportws.GraphQLTransportWSSubprotocolHandler;
import io.smallrye.graphql.websocket.graphqlws.GraphQLWSSubprotocolHandler;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The door of the GraphQL WebSocket ({@code graphql-transport-ws}, and the older {@code graphql-ws}), in place of
 * Quarkus's own handler, which acknowledges a connection whatever its token. A browser cannot set headers on a
 * WebSocket, so a client sends its token in {@code connection_init}'s payload (graphql-ws's
 * {@code connectionParams}: {@code {"Authorization": "Bearer <token>"}}, the key
 * {@code quarkus.smallrye-graphql.authorization-client-init-payload-name} names), or with the upgrade request's
 * {@code Authorization} header. At {@code connection_init}, a connection without a valid token is closed with
 * 4401, one whose token lacks the auditor's role (all subscriptions need it) with 4403, each with a reason in
 * words; an accepted one runs with that caller (closed when the identity says it expires; a bearer JWT's identity
 * does not say, so its connection outlives the token). Every {@code subscribe} then passes the
 * same checks as an HTTP call ({@link RequestGuard#admit}).
 */
@ApplicationScoped
public class SubscriptionDoor {

    private static final Logger LOG = Logger.getLogger(SubscriptionDoor.class);

    /** After Quarkus's authentication handler (-200), before its GraphQL WebSocket handler (-99). */
    private static final int ORDER = -110;

    /** graphql-ws closes a connection not initialised within this long (its own default is 3 s). */
    private static final long INIT_TIMEOUT_MILLIS = 10_000;

    static final String NO_TOKEN = "Unauthorized: no bearer token. Send connectionParams {\"Authorization\": "
            + "\"Bearer <token>\"}";
    static final String BAD_TOKEN = "Unauthorized: the bearer token is not valid (expired, not yet valid, from "
            + "another issuer or badly signed)";
    static final String NO_ROLE = "Forbidden: the token lacks the role " + Roles.AUDITOR
            + " that subscriptions need";
    static final String TWO_TOKENS = "Bad request: send the token once, in connectionParams or in the "
            + "Authorization header, not both";

    private final RequestGuard guard;
    private final CurrentIdentityAssociation identities;
    private final CurrentVertxRequest currentRequest;
    private final String path;
    private final String payloadKey;
    private final boolean runBlocking;
    private volatile Upgrade upgrade;

    public SubscriptionDoor(RequestGuard guard, CurrentIdentityAssociation identities,
            CurrentVertxRequest currentRequest,
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql") String rootPath,
            @ConfigProperty(name = "quarkus.smallrye-graphql.authorization-client-init-payload-name",
                    defaultValue = "Authorization") String payloadKey,
            @ConfigProperty(name = "quarkus.smallrye-graphql.nonblocking.enabled", defaultValue = "true")
            boolean nonBlocking) {
        this.guard = guard;
        this.identities = identities;
        this.currentRequest = currentRequest;
        this.path = rootPath.startsWith("/") ? rootPath : "/" + rootPath;
        this.payloadKey = payloadKey;
        this.runBlocking = !nonBlocking;
    }

    void install(@Observes Router router) {
        router.get(path).order(ORDER).handler(ctx -> {
            if (isUpgrade(ctx)) {
                upgrade().handle(ctx);
            } else {
                ctx.next();
            }
        });
    }

    static boolean isUpgrade(RoutingContext ctx) {
        return ctx.request().headers().contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true);
    }

    private Upgrade upgrade() {
        Upgrade handler = upgrade;
        if (handler == null) {
            handler = new Upgrade();
            upgrade = handler;
        }
        return handler;
    }

    /**
     * Quarkus's request handling around the upgrade (a request context whose state the subscription's resolvers
     * run in, the caller's identity as the upgrade request names it), with the gateway's protocol handlers.
     */
    private final class Upgrade extends SmallRyeGraphQLAbstractHandler {

        Upgrade() {
            super(identities, currentRequest, runBlocking);
        }

        @Override
        protected void doHandle(RoutingContext ctx) {
            if (ctx.request().isEnded()) {
                ctx.next();
                return;
            }
            Map<String, Object> context = getMetaData(ctx);
            ctx.request().toWebSocket(result -> {
                if (result.failed()) {
                    LOG.debugf("WebSocket upgrade failed: %s", result.cause().getMessage());
                    return;
                }
                ServerWebSocket socket = result.result();
                Session session = new Session(socket);
                Connection connection = new Connection(ctx, session, context);
                GraphQLWebsocketHandler protocol;
                if ("graphql-transport-ws".equals(socket.subProtocol())) {
                    protocol = new TransportWs(session, context, connection);
                } else if ("graphql-ws".equals(socket.subProtocol())) {
                    protocol = new LegacyWs(session, context, connection);
                } else {
                    socket.close((short) 4406, "Subprotocol not acceptable: use graphql-transport-ws");
                    return;
                }
                long initTimeout = ctx.vertx().setTimer(INIT_TIMEOUT_MILLIS, id -> {
                    if (!connection.initialised && !session.isClosed()) {
                        session.close((short) 4408, "Connection initialisation timeout: send connection_init first");
                    }
                });
                socket.closeHandler(v -> {
                    ctx.vertx().cancelTimer(initTimeout);
                    connection.closed();
                    protocol.onClose();
                });
                socket.endHandler(v -> protocol.onEnd());
                socket.exceptionHandler(protocol::onThrowable);
                socket.textMessageHandler(protocol::onMessage);
            });
        }
    }

    /** One WebSocket: who it runs for, once {@code connection_init} has said so. */
    private final class Connection {

        private final RoutingContext ctx;
        private final Session session;
        private final Map<String, Object> context;
        private volatile boolean initialised;
        private volatile Cancellable expiry;

        Connection(RoutingContext ctx, Session session, Map<String, Object> context) {
            this.ctx = ctx;
            this.session = session;
            this.context = context;
        }

        /** {@code connection_init}: acknowledged through {@code acknowledge} once its caller may subscribe. */
        void init(JsonObject message, Runnable acknowledge) {
            initialised = true;
            if (guard.open()) {
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
                identities.setIdentity(caller);
            } finally {
                requestContext.deactivate();
                if (outer != null) {
                    requestContext.activate(outer);
                }
            }
        }

        private String token(JsonObject message) {
            JsonValue payload = message.get("payload");
            if (payload instanceof JsonObject params && params.get(payloadKey) instanceof JsonString token
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
                String query = guard.admit(text(payload, "query"), extensions(payload), text(payload, "operationName"),
                        false);
                if (text(payload, "query") == null) {
                    payload = Json.createObjectBuilder(payload).add("query", query).build();
                    message = Json.createObjectBuilder(message).add("payload", payload).build();
                }
                run.accept(message);
            } catch (RequestGuard.Refused refused) {
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

    /** graphql-transport-ws: a refused {@code subscribe} is answered {@code error} with the list of errors. */
    private static final class TransportWs extends GraphQLTransportWSSubprotocolHandler {

        private final Connection connection;

        TransportWs(GraphQLWebSocketSession session, Map<String, Object> context, Connection connection) {
            super(session, context);
            this.connection = connection;
        }

        @Override
        protected void onMessage(JsonObject message) {
            connection.route(message, "subscribe", connectionInitialized.get(), super::onMessage, errors -> errors);
        }
    }

    /** The older graphql-ws (subscriptions-transport-ws): {@code start} subscribes, an error is one object. */
    private static final class LegacyWs extends GraphQLWSSubprotocolHandler {

        private final Connection connection;

        LegacyWs(GraphQLWebSocketSession session, Map<String, Object> context, Connection connection) {
            super(session, context);
            this.connection = connection;
        }

        @Override
        protected void onMessage(JsonObject message) {
            connection.route(message, "start", connectionInitialized.get(), super::onMessage, errors -> errors.get(0));
        }
    }

    private static final class Session implements GraphQLWebSocketSession {

        private final ServerWebSocket socket;

        Session(ServerWebSocket socket) {
            this.socket = socket;
        }

        @Override
        public void sendMessage(String message) {
            socket.writeTextMessage(message);
        }

        @Override
        public void close(short statusCode, String reason) {
            if (!socket.isClosed()) {
                socket.close(statusCode, reason);
            }
        }

        @Override
        public boolean isClosed() {
            return socket.isClosed();
        }
    }
}
