package com.kustomergateway.adapters.graphql;

import io.smallrye.graphql.websocket.GraphQLWebSocketSession;
import io.smallrye.graphql.websocket.graphqltransportws.GraphQLTransportWSSubprotocolHandler;
import io.smallrye.graphql.websocket.graphqlws.GraphQLWSSubprotocolHandler;
import io.vertx.core.http.ServerWebSocket;

import jakarta.json.JsonObject;

import java.util.Map;

/**
 * SmallRye's two GraphQL WebSocket protocols with a {@link SocketConnection} in front of them, and the Vert.x
 * socket they talk over.
 */
final class SocketProtocols {

    private SocketProtocols() {
    }

    /** graphql-transport-ws: a refused {@code subscribe} is answered {@code error} with the list of errors. */
    static final class TransportWs extends GraphQLTransportWSSubprotocolHandler {

        private final SocketConnection connection;

        TransportWs(GraphQLWebSocketSession session, Map<String, Object> context, SocketConnection connection) {
            super(session, context);
            this.connection = connection;
        }

        @Override
        protected void onMessage(JsonObject message) {
            connection.route(message, "subscribe", connectionInitialized.get(), super::onMessage, errors -> errors);
        }
    }

    /** The older graphql-ws (subscriptions-transport-ws): {@code start} subscribes, an error is one object. */
    static final class LegacyWs extends GraphQLWSSubprotocolHandler {

        private final SocketConnection connection;

        LegacyWs(GraphQLWebSocketSession session, Map<String, Object> context, SocketConnection connection) {
            super(session, context);
            this.connection = connection;
        }

        @Override
        protected void onMessage(JsonObject message) {
            connection.route(message, "start", connectionInitialized.get(), super::onMessage, errors -> errors.get(0));
        }
    }

    static final class Session implements GraphQLWebSocketSession {

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
