package com.kustomergateway.adapters.graphql;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.smallrye.graphql.runtime.SmallRyeGraphQLAbstractHandler;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.graphql.websocket.GraphQLWebsocketHandler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Map;

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
 * same checks as an HTTP call ({@link Admission}). This class takes the upgrade; {@link SocketConnection} is one
 * connection's door; {@link SocketProtocols}, the two protocols with that door in front.
 */
@ApplicationScoped
public class SubscriptionDoor {

    private static final Logger LOG = Logger.getLogger(SubscriptionDoor.class);

    /** After Quarkus's authentication handler (-200), before its GraphQL WebSocket handler (-99). */
    private static final int ORDER = -110;

    /** graphql-ws closes a connection not initialised within this long (its own default is 3 s). */
    private static final long INIT_TIMEOUT_MILLIS = 10_000;

    private final RequestGuard guard;
    private final Admission admission;
    private final CurrentIdentityAssociation identities;
    private final CurrentVertxRequest currentRequest;
    private final String path;
    private final String payloadKey;
    private final boolean runBlocking;
    private volatile Upgrade upgrade;

    public SubscriptionDoor(RequestGuard guard, Admission admission, CurrentIdentityAssociation identities,
            CurrentVertxRequest currentRequest,
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql") String rootPath,
            @ConfigProperty(name = "quarkus.smallrye-graphql.authorization-client-init-payload-name",
                    defaultValue = "Authorization") String payloadKey,
            @ConfigProperty(name = "quarkus.smallrye-graphql.nonblocking.enabled", defaultValue = "true")
            boolean nonBlocking) {
        this.guard = guard;
        this.admission = admission;
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
                SocketProtocols.Session session = new SocketProtocols.Session(socket);
                SocketConnection connection = new SocketConnection(ctx, session, context,
                        new SocketConnection.Door(admission, guard.open(), identities, payloadKey));
                GraphQLWebsocketHandler protocol;
                if ("graphql-transport-ws".equals(socket.subProtocol())) {
                    protocol = new SocketProtocols.TransportWs(session, context, connection);
                } else if ("graphql-ws".equals(socket.subProtocol())) {
                    protocol = new SocketProtocols.LegacyWs(session, context, connection);
                } else {
                    socket.close((short) 4406, "Subprotocol not acceptable: use graphql-transport-ws");
                    return;
                }
                long initTimeout = ctx.vertx().setTimer(INIT_TIMEOUT_MILLIS, id -> {
                    if (!connection.initialised() && !session.isClosed()) {
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
}
