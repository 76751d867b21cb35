package com.kustomergateway.bootstrap;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandIn;

import io.restassured.path.json.JsonPath;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Operations in a chosen state, on conversations no other test uses, for the audit and operator tests. */
final class Audit {

    static final String OPERATIONS = """
            query($filter: OperationFilter, $first: Int, $after: String) {
              operations(filter: $filter, first: $first, after: $after) {
                edges { cursor node { id kind resource status acceptedAt failedAttempts
                                      attempts { number outcome requests { method path requestBody status } } } }
                pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
              }
            }""";

    static final String DELIVERY_STATUS = """
            { deliveryStatus { state reason pausedUntil pausedBy counts { status count exact }
                               oldestWaitingAcceptedAt oldestWaitingAgeSeconds
                               instancesDelivering instances { id startedAt heartbeatAt }
                               budget { windowSeconds windowStartedAt spent left ceiling } } }""";

    static final String RETRY = "mutation($id: ID!) { retryOperation(id: $id) { id status failedAttempts "
            + "nextAttemptAt lastFailure { code } attempts { outcome } } }";

    static final String CANCEL = "mutation($id: ID!) { cancelOperation(id: $id) { id status nextAttemptAt } }";

    static final String REPLAY = "mutation($filter: OperationFilter) { replayFailedOperations(filter: $filter) "
            + "{ requeued } }";

    private Audit() {
    }

    static String conversation() {
        return "conv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static String addNote(String conversation) {
        JsonPath response = GraphQL.run(GraphQL.ADD_NOTE,
                Map.of("conversationId", conversation, "noteBody", "Audit me", "isInternal", true));
        assertThat(response.getList("errors")).isNull();
        return response.getString("data.addNoteToConversation.operationId");
    }

    /** Kustomer refuses every note on the conversation: its operations fail at once. */
    static void refuseNotesOn(KustomerStandIn kustomer, String conversation) {
        kustomer.server().stubFor(notes(conversation).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"code\":\"bad_request\",\"message\":\"conversation is closed\"}]}")));
    }

    /** Kustomer is unavailable for the conversation and asks for an hour: its operations wait, RETRYING. */
    static void postponeNotesOn(KustomerStandIn kustomer, String conversation) {
        kustomer.server().stubFor(notes(conversation).willReturn(aResponse().withStatus(503)
                .withHeader("Retry-After", "3600").withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"code\":\"unavailable\",\"message\":\"try again later\"}]}")));
    }

    static void acceptNotesOn(KustomerStandIn kustomer, String conversation) {
        kustomer.server().getStubMappings().stream()
                .filter(stub -> stub.getRequest().getUrl() != null
                        && stub.getRequest().getUrl().equals(notesPath(conversation)))
                .forEach(stub -> kustomer.server().removeStub(stub));
    }

    /** Makes a waiting operation due now, as its retry time coming would. */
    static void makeDue(DataSource dataSource, String operationId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE operation SET next_attempt_at = now() WHERE id = ? AND status = 'RETRYING'")) {
            update.setObject(1, UUID.fromString(operationId));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static MappingBuilder notes(String conversation) {
        return post(urlEqualTo(notesPath(conversation))).atPriority(1);
    }

    private static String notesPath(String conversation) {
        return "/v1/conversations/" + conversation + "/notes";
    }
}
