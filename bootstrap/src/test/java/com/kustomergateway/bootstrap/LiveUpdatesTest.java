package com.kustomergateway.bootstrap;

import com.kustomergateway.adapters.persistence.PrivateSchema;
import com.kustomergateway.adapters.kustomer.standin.InjectKustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandInResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import static com.kustomergateway.bootstrap.DeliveryOutcomesTest.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

/** A frontend follows its operation to the end over a WebSocket (graphql-transport-ws), without polling. */
@QuarkusTest
@QuarkusTestResource(KustomerStandInResource.class)
@QuarkusTestResource(PrivateSchema.class)
class LiveUpdatesTest {

    /** Long enough never to be reached by a test that works, so a broken stream fails instead of hanging. */
    private static final long PATIENCE_SECONDS = 30;

    @InjectKustomerStandIn
    KustomerStandIn kustomer;

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/graphql")
    URI graphql;

    private final BlockingQueue<JsonPath> messages = new LinkedBlockingQueue<>();
    private WebSocket socket;

    @BeforeEach
    void connect() throws Exception {
        kustomer.reset();
        URI uri = URI.create(graphql.toString().replaceFirst("^http", "ws"));
        socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .header("Authorization", "Bearer " + Callers.everyRole())
                .buildAsync(uri, new Collector()).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"connection_init\"}", true);
        assertThat(next().getString("type")).isEqualTo("connection_ack");
    }

    @AfterEach
    void disconnect() {
        socket.abort();
    }

    @Test
    void streamsEachStatusChangeUntilDelivered() throws Exception {
        String conversation = Audit.conversation();
        Audit.postponeNotesOn(kustomer, conversation);
        String id = Audit.addNote(conversation);
        awaitStatus(id, "RETRYING");
        subscribe(id);
        assertThat(statusOf(next())).isEqualTo("RETRYING");

        Audit.acceptNotesOn(kustomer, conversation);
        Audit.makeDue(dataSource, id);

        List<String> statuses = new ArrayList<>();
        JsonPath message;
        while (!(message = next()).getString("type").equals("complete")) {
            assertThat(message.getString("type")).isEqualTo("next");
            statuses.add(statusOf(message));
        }
        assertThat(statuses).containsExactly("IN_FLIGHT", "DELIVERED");
    }

    @Test
    void streamsAnOperatorsCancellationAndEnds() throws Exception {
        String conversation = Audit.conversation();
        Audit.postponeNotesOn(kustomer, conversation);
        String id = Audit.addNote(conversation);
        awaitStatus(id, "RETRYING");
        subscribe(id);
        assertThat(statusOf(next())).isEqualTo("RETRYING");

        GraphQL.run(Audit.CANCEL, Map.of("id", id));

        assertThat(statusOf(next())).isEqualTo("CANCELLED");
        assertThat(next().getString("type")).isEqualTo("complete");
    }

    @Test
    void aSettledOperationIsSentOnceAndTheStreamEnds() throws Exception {
        String id = Audit.addNote(Audit.conversation());
        awaitStatus(id, "DELIVERED");

        subscribe(id);

        assertThat(statusOf(next())).isEqualTo("DELIVERED");
        assertThat(next().getString("type")).isEqualTo("complete");
    }

    @Test
    void anUnknownOperationIsAnError() throws Exception {
        subscribe("0b9c7e0e-0000-4000-8000-000000000000");

        JsonPath error = next();

        assertThat(error.getString("type")).isEqualTo("next");
        assertThat(error.getString("payload.errors[0].extensions.code")).isEqualTo("OPERATION_NOT_FOUND");
    }

    private void subscribe(String id) {
        socket.sendText("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { "
                + "operationUpdates(id: \\\"" + id + "\\\") { id status } }\"}}", true);
    }

    private JsonPath next() throws InterruptedException {
        JsonPath message = messages.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertThat(message).as("a message within %d s", PATIENCE_SECONDS).isNotNull();
        return message;
    }

    private static String statusOf(JsonPath message) {
        assertThat(message.getString("type")).isEqualTo("next");
        return message.getString("payload.data.operationUpdates.status");
    }

    /** Gathers whole text messages; the protocol's keep-alive pings are answered, not gathered. */
    private final class Collector implements WebSocket.Listener {

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
    }
}
