package com.kustomergateway.bootstrap;

import com.kustomergateway.adapters.kustomer.standin.InjectKustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandInResource;
import com.kustomergateway.adapters.persistence.PrivateSchema;
import com.kustomergateway.testing.Callers;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import static com.kustomergateway.bootstrap.DeliveryOutcomesTest.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

/** A frontend follows its operation to the end over a WebSocket (graphql-transport-ws), without polling. */
@QuarkusTest
@QuarkusTestResource(KustomerStandInResource.class)
@QuarkusTestResource(PrivateSchema.class)
class LiveUpdatesTest {

    @InjectKustomerStandIn
    KustomerStandIn kustomer;

    @Inject
    DataSource dataSource;

    private GraphQLSocket socket;

    @BeforeEach
    void connect() throws Exception {
        kustomer.reset();
        socket = GraphQLSocket.open(Callers.everyRole()).init(null);
        assertThat(next().getString("type")).isEqualTo("connection_ack");
    }

    @AfterEach
    void disconnect() {
        socket.close();
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
        socket.subscribe("1", "subscription { operationUpdates(id: \"" + id + "\") { id status } }");
    }

    private JsonPath next() throws InterruptedException {
        return socket.next();
    }

    private static String statusOf(JsonPath message) {
        assertThat(message.getString("type")).isEqualTo("next");
        return message.getString("payload.data.operationUpdates.status");
    }
}
