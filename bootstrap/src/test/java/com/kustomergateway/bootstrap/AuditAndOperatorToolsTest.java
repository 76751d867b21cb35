package com.kustomergateway.bootstrap;

import com.kustomergateway.adapters.persistence.PrivateSchema;
import com.kustomergateway.adapters.kustomer.standin.InjectKustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandInResource;
import com.kustomergateway.testing.GatewayProcess;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.kustomergateway.bootstrap.DeliveryOutcomesTest.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

/** Support engineers answer "what did we send Kustomer about this, and what happened?", and repair what failed. */
@QuarkusTest
@QuarkusTestResource(KustomerStandInResource.class)
@QuarkusTestResource(PrivateSchema.class)
class AuditAndOperatorToolsTest {

    @InjectKustomerStandIn
    KustomerStandIn kustomer;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void kustomerBehavesNormally() {
        kustomer.reset();
    }

    @Test
    void listsAResourcesOperationsNewestFirstPageByPageWithThePayloadsAsSent() {
        String conversation = Audit.conversation();
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            accepted.add(Audit.addNote(conversation));
        }

        List<String> listed = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("filter", Map.of("resource", "conversation:" + conversation));
            variables.put("first", 2);
            variables.put("after", after);
            JsonPath page = GraphQL.run(Audit.OPERATIONS, variables);
            assertThat(page.getList("errors")).isNull();
            listed.addAll(page.getList("data.operations.edges.node.id", String.class));
            assertThat(page.getString("data.operations.pageInfo.endCursor"))
                    .isEqualTo(page.getString("data.operations.edges[-1].cursor"));
            assertThat(page.getBoolean("data.operations.pageInfo.hasPreviousPage")).isFalse();
            more = page.getBoolean("data.operations.pageInfo.hasNextPage");
            after = page.getString("data.operations.pageInfo.endCursor");
        }

        List<String> newestFirst = new ArrayList<>(accepted);
        Collections.reverse(newestFirst);
        assertThat(listed).containsExactlyElementsOf(newestFirst);
        JsonPath newest = GraphQL.run(Audit.OPERATIONS, Map.of("filter",
                Map.of("resource", "conversation:" + conversation, "status", "DELIVERED"), "first", 1));
        assertThat(newest.getString("data.operations.edges[0].node.kind")).isEqualTo("ADD_NOTE");
        assertThat(newest.getString("data.operations.edges[0].node.attempts[0].requests[0].path"))
                .isEqualTo("/v1/conversations/" + conversation + "/notes");
        assertThat(newest.getString("data.operations.edges[0].node.attempts[0].requests[0].requestBody"))
                .isEqualTo("{\"body\":\"Audit me\",\"externalId\":\"kgw-" + accepted.get(4) + "\"}");
    }

    @Test
    void filtersByKindStatusAndAcceptanceTime() {
        Instant before = Instant.now();
        String conversation = Audit.conversation();
        Audit.refuseNotesOn(kustomer, conversation);
        String failed = Audit.addNote(conversation);

        JsonPath found = GraphQL.run(Audit.OPERATIONS, Map.of("filter", Map.of("kind", "ADD_NOTE",
                "status", "FAILED", "acceptedFrom", before.toString()), "first", 100));

        assertThat(found.getList("data.operations.edges.node.id", String.class)).contains(failed);
        assertThat(found.getList("data.operations.edges.node.status", String.class)).containsOnly("FAILED");
        assertThat(found.getList("data.operations.edges.node.kind", String.class)).containsOnly("ADD_NOTE");
        assertThat(GraphQL.run(Audit.OPERATIONS, Map.of("filter", Map.of("acceptedBefore", before.toString()),
                "first", 100)).getList("data.operations.edges.node.id", String.class)).doesNotContain(failed);
    }

    @Test
    void refusesACursorItDidNotMakeAndAPageSizeOutOfRange() {
        JsonPath badCursor = GraphQL.run(Audit.OPERATIONS, Map.of("after", "not-a-cursor"));
        assertThat(badCursor.getString("errors[0].extensions.code")).isEqualTo("INVALID_CURSOR");

        JsonPath tooMany = GraphQL.run(Audit.OPERATIONS, Map.of("first", 101));
        assertThat(tooMany.getString("errors[0].extensions.code")).isEqualTo("INVALID_PAGE_SIZE");

        JsonPath badResource = GraphQL.run(Audit.OPERATIONS, Map.of("filter", Map.of("resource", "order:1")));
        assertThat(badResource.getString("errors[0].extensions.code")).isEqualTo("INVALID_FILTER");
    }

    @Test
    void retryingAFailedOperationQueuesItAgainKeepingItsHistory() {
        String conversation = Audit.conversation();
        Audit.refuseNotesOn(kustomer, conversation);
        String id = Audit.addNote(conversation);
        awaitStatus(id, "FAILED");
        Audit.acceptNotesOn(kustomer, conversation);

        JsonPath retried = GraphQL.run(Audit.RETRY, Map.of("id", id));

        assertThat(retried.getList("errors")).isNull();
        assertThat(retried.getString("data.retryOperation.status")).isEqualTo("QUEUED");
        assertThat(retried.getInt("data.retryOperation.failedAttempts")).isZero();
        JsonPath delivered = awaitStatus(id, "DELIVERED");
        assertThat(delivered.getList("data.operation.attempts.outcome")).containsExactly("REJECTED", "DELIVERED");
    }

    @Test
    void onlyAFailedOperationCanBeRetriedAndOnlyAWaitingOneCancelled() {
        String delivered = Audit.addNote(Audit.conversation());
        awaitStatus(delivered, "DELIVERED");

        JsonPath retry = GraphQL.run(Audit.RETRY, Map.of("id", delivered));
        JsonPath cancel = GraphQL.run(Audit.CANCEL, Map.of("id", delivered));
        JsonPath unknown = GraphQL.run(Audit.RETRY, Map.of("id", "0b9c7e0e-0000-4000-8000-000000000000"));

        assertThat(retry.getString("errors[0].extensions.code")).isEqualTo("OPERATION_NOT_RETRYABLE");
        assertThat(retry.getString("errors[0].message")).contains("DELIVERED");
        assertThat(cancel.getString("errors[0].extensions.code")).isEqualTo("OPERATION_NOT_CANCELLABLE");
        assertThat(unknown.getString("errors[0].extensions.code")).isEqualTo("OPERATION_NOT_FOUND");
    }

    @Test
    void aCancelledOperationIsNeverSent() throws Exception {
        String conversation = Audit.conversation();
        Audit.postponeNotesOn(kustomer, conversation);
        String id = Audit.addNote(conversation);
        awaitStatus(id, "RETRYING");

        JsonPath cancelled = GraphQL.run(Audit.CANCEL, Map.of("id", id));

        assertThat(cancelled.getString("data.cancelOperation.status")).isEqualTo("CANCELLED");
        assertThat(cancelled.getString("data.cancelOperation.nextAttemptAt")).isNull();
        // Even were its retry time to come, nothing is due: it is settled.
        Audit.acceptNotesOn(kustomer, conversation);
        String later = Audit.addNote(conversation);
        awaitStatus(later, "DELIVERED");
        kustomer.server().verify(2, postRequestedFor(urlEqualTo("/v1/conversations/" + conversation + "/notes")));
        assertThat(GraphQL.run(GraphQL.OPERATION, Map.of("id", id)).getString("data.operation.status"))
                .isEqualTo("CANCELLED");
    }

    @Test
    void replaysEveryFailedOperationAFilterSelectsAndSaysHowMany() {
        String broken = Audit.conversation();
        String other = Audit.conversation();
        Audit.refuseNotesOn(kustomer, broken);
        Audit.refuseNotesOn(kustomer, other);
        List<String> failed = List.of(Audit.addNote(broken), Audit.addNote(broken), Audit.addNote(broken));
        String elsewhere = Audit.addNote(other);
        failed.forEach(id -> awaitStatus(id, "FAILED"));
        awaitStatus(elsewhere, "FAILED");
        Audit.acceptNotesOn(kustomer, broken);

        JsonPath replay = GraphQL.run(Audit.REPLAY, Map.of("filter", Map.of("resource", "conversation:" + broken)));

        assertThat(replay.getInt("data.replayFailedOperations.requeued")).isEqualTo(3);
        failed.forEach(id -> awaitStatus(id, "DELIVERED"));
        assertThat(GraphQL.run(GraphQL.OPERATION, Map.of("id", elsewhere)).getString("data.operation.status"))
                .isEqualTo("FAILED");
        JsonPath again = GraphQL.run(Audit.REPLAY, Map.of("filter", Map.of("resource", "conversation:" + broken)));
        assertThat(again.getInt("data.replayFailedOperations.requeued")).isZero();
        JsonPath wrongStatus = GraphQL.run(Audit.REPLAY, Map.of("filter", Map.of("status", "DELIVERED")));
        assertThat(wrongStatus.getString("errors[0].extensions.code")).isEqualTo("INVALID_FILTER");
    }

    @Test
    void reportsTheRelayStateCountsPerStatusAndTheOldestWaitingOperation() {
        // The budget's minute starts on a multiple of a minute since the epoch: begin with a few seconds of it left,
        // so the postponed note's request and the status read fall in the same minute.
        long leftOfMinute = 60_000 - Math.floorMod(System.currentTimeMillis(), 60_000L);
        if (leftOfMinute < 5_000) {
            GatewayProcess.sleep(leftOfMinute + 100);
        }
        String conversation = Audit.conversation();
        Audit.postponeNotesOn(kustomer, conversation);
        String waiting = Audit.addNote(conversation);
        awaitStatus(waiting, "RETRYING");

        JsonPath status = GraphQL.run(Audit.DELIVERY_STATUS, Map.of());

        assertThat(status.getList("errors")).isNull();
        assertThat(status.getString("data.deliveryStatus.state")).isEqualTo("RUNNING");
        assertThat(status.getList("data.deliveryStatus.counts.status")).containsExactlyInAnyOrder(
                "QUEUED", "IN_FLIGHT", "RETRYING", "DELIVERED", "FAILED", "CANCELLED");
        assertThat(status.getInt("data.deliveryStatus.counts.find { it.status == 'RETRYING' }.count"))
                .isGreaterThanOrEqualTo(1);
        assertThat(status.getBoolean("data.deliveryStatus.counts.find { it.status == 'RETRYING' }.exact")).isTrue();
        Instant acceptedAt = Instant.parse(GraphQL.run("query($id: ID!) { operation(id: $id) { acceptedAt } }",
                Map.of("id", waiting)).getString("data.operation.acceptedAt"));
        assertThat(Instant.parse(status.getString("data.deliveryStatus.oldestWaitingAcceptedAt")))
                .isBeforeOrEqualTo(acceptedAt);
        assertThat(status.getLong("data.deliveryStatus.oldestWaitingAgeSeconds")).isGreaterThanOrEqualTo(0);
        assertThat(status.getString("data.deliveryStatus.pausedBy")).isNull();
        assertThat(status.getInt("data.deliveryStatus.instancesDelivering")).isEqualTo(1);
        assertThat(status.getString("data.deliveryStatus.instances[0].heartbeatAt")).isNotNull();
        assertThat(status.getInt("data.deliveryStatus.budget.windowSeconds")).isEqualTo(60);
        assertThat(status.getInt("data.deliveryStatus.budget.ceiling")).isEqualTo(60_000);
        assertThat(status.getInt("data.deliveryStatus.budget.spent")).as("the postponed note's requests")
                .isPositive();
        assertThat(status.getInt("data.deliveryStatus.budget.left"))
                .isEqualTo(60_000 - status.getInt("data.deliveryStatus.budget.spent"));
        GraphQL.run(Audit.CANCEL, Map.of("id", waiting));
    }
}
