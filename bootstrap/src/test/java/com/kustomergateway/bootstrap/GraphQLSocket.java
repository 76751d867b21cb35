package com.kustomergateway.bootstrap;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A GraphQL WebSocket client (graphql-transport-ws) as a browser holds one: no headers unless given, the token in
 * {@code connection_init}'s payload. Gathers messages and how the gateway closed the connection.
 */
final class GraphQLSocket implements AutoCloseable {

    /** Long enough never to be reached by a test that works, so a broken stream fails instead of hanging. */
    static final long PATIENCE_SECONDS = 30;

    /** How the gateway closed the connection. */
    record Closed(int code, String reason) {
    }

    private final BlockingQueue<JsonPath> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private GraphQLSocket(String headerToken) throws Exception {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws");
        if (headerToken != null) {
            builder.header("Authorization", "Bearer " + headerToken);
        }
        URI uri = URI.create("ws://localhost:" + RestAssured.port + "/graphql");
        socket = builder.buildAsync(uri, new Listener()).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    /** Opens a connection, the token (if any) on the upgrade request's Authorization header. */
    static GraphQLSocket open(String headerToken) throws Exception {
        return new GraphQLSocket(headerToken);
    }

    /** Sends {@code connection_init}, with {@code connectionParams} as its payload when given (JSON text). */
    GraphQLSocket init(String connectionParams) {
        socket.sendText(connectionParams == null ? "{\"type\":\"connection_init\"}"
                : "{\"type\":\"connection_init\",\"payload\":" + connectionParams + "}", true);
        return this;
    }

    /** Sends {@code connection_init} with the token as graphql-ws clients send connectionParams. */
    GraphQLSocket initWithToken(String token) {
        return init("{\"Authorization\":\"Bearer " + token + "\"}");
    }

    void subscribe(String id, String query) {
        socket.sendText("{\"id\":\"" + id + "\",\"type\":\"subscribe\",\"payload\":{\"query\":"
                + quote(query) + "}}", true);
    }

    void subscribe(String id, String query, String variablesJson) {
        socket.sendText("{\"id\":\"" + id + "\",\"type\":\"subscribe\",\"payload\":{\"query\":"
                + quote(query) + ",\"variables\":" + variablesJson + "}}", true);
    }

    JsonPath next() throws InterruptedException {
        JsonPath message = messages.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertThat(message).as("a message within %d s", PATIENCE_SECONDS).isNotNull();
        return message;
    }

    /** How the gateway closed the connection, once it has. */
    Closed closed() throws Exception {
        return closed.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    /** Whether a message arrived before the gateway closed the connection. */
    boolean receivedNothing() {
        return messages.isEmpty();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** Gathers whole text messages; the protocol's keep-alive pings are answered, not gathered. */
    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonPath message = new JsonPath(partial.toString());
                partial.setLength(0);
                if ("ping".equals(message.getString("type"))) {
                    webSocket.sendText("{\"type\":\"pong\"}", true);
                } else {
                    messages.add(message);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
