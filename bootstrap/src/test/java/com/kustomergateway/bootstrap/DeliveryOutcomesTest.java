package com.kustomergateway.bootstrap;

import com.kustomergateway.adapters.persistence.PrivateSchema;
import com.kustomergateway.adapters.kustomer.standin.InjectKustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandInResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What callers and operators see when Kustomer fails: retried when it may pass, failed with Kustomer's reason when not. */
@QuarkusTest
@QuarkusTestResource(KustomerStandInResource.class)
@QuarkusTestResource(PrivateSchema.class)
class DeliveryOutcomesTest {

    @InjectKustomerStandIn
    KustomerStandIn kustomer;

    @BeforeEach
    void kustomerBehavesNormally() {
        kustomer.reset();
    }

    @Test
    void retriesAfterKustomerAnswers500AndThenDelivers() {
        kustomer.server().stubFor(post(urlEqualTo("/v1/conversations/conv_flaky/notes")).atPriority(1)
                .inScenario("flaky").whenScenarioStateIs(STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"status\":500,\"code\":\"internal_error\",\"title\":\"Internal Server Error\"}]}")));

        JsonPath response = GraphQL.run(GraphQL.ADD_NOTE,
                Map.of("conversationId", "conv_flaky", "noteBody", "second time lucky", "isInternal", true));
        String operationId = response.getString("data.addNoteToConversation.operationId");
        assertThat(response.getBoolean("data.addNoteToConversation.success")).isTrue();

        JsonPath operation = awaitStatus(operationId, "DELIVERED");
        assertThat(operation.getList("data.operation.attempts.outcome")).containsExactly("TRANSIENT", "DELIVERED");
        assertThat(operation.getInt("data.operation.attempts[0].error.httpStatus")).isEqualTo(500);
        assertThat(operation.getString("data.operation.attempts[0].error.code")).isEqualTo("internal_error");
        assertThat(operation.getList("data.operation.remoteIds", String.class)).singleElement().asString()
                .matches("[0-9a-f]{24}");
    }

    @Test
    void failsWithKustomersReasonWhenKustomerAnswers400() {
        kustomer.server().stubFor(patch(urlEqualTo("/v1/customers/cust_rejected")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"code\":\"bad_request\",\"message\":\"custom.loyaltyTierStr is locked\",\"meta\":{}}]}")));

        JsonPath response = GraphQL.run(GraphQL.UPDATE_CUSTOMER, Map.of("customerId", "cust_rejected",
                "personalizationData", List.of(Map.of("key", "loyalty_tier", "value", "gold"))));

        assertThat(response.getList("errors")).isNull();
        assertThat(response.getBoolean("data.updateCustomerData.success")).isFalse();
        assertThat(response.getString("data.updateCustomerData.status")).isEqualTo("FAILED");
        assertThat(response.getInt("data.updateCustomerData.failure.httpStatus")).isEqualTo(400);
        assertThat(response.getString("data.updateCustomerData.failure.code")).isEqualTo("bad_request");
        assertThat(response.getString("data.updateCustomerData.failure.message")).contains("loyaltyTierStr is locked");
        kustomer.server().verify(1, patchRequestedFor(urlEqualTo("/v1/customers/cust_rejected")));

        JsonPath operation = GraphQL.run(GraphQL.OPERATION,
                Map.of("id", response.getString("data.updateCustomerData.operationId")));
        assertThat(operation.getList("data.operation.attempts.outcome")).containsExactly("REJECTED");
        // The last request: the attempt begins by declaring attributes Kustomer does not have yet, if any.
        assertThat(operation.getString("data.operation.attempts[0].requests[-1].method")).isEqualTo("PATCH");
        assertThat(operation.getString("data.operation.attempts[0].requests[-1].path"))
                .isEqualTo("/v1/customers/cust_rejected");
        assertThat(operation.getString("data.operation.attempts[0].requests[-1].requestBody"))
                .isEqualTo("{\"custom\":{\"loyaltyTierStr\":\"gold\"}}");
        assertThat(operation.getString("data.operation.attempts[0].requests[-1].responseBody"))
                .contains("loyaltyTierStr is locked");
    }

    @Test
    void aRejectedKlassIsNeverReportedAsASuccess() {
        kustomer.server().stubFor(post(urlEqualTo("/v1/klasses")).atPriority(1)
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"status\":409,\"code\":\"conflict\",\"title\":\"Conflict\",\"detail\":\"klass name already exists\",\"source\":{\"pointer\":\"/name\"}}]}")));

        JsonPath response = GraphQL.run(GraphQL.CREATE_KLASS,
                Map.of("name", "Existing_Klass", "displayName", "Existing", "description", "", "icon", ""));

        assertThat(response.getBoolean("data.createCustomKlass.success")).isFalse();
        assertThat(response.getString("data.createCustomKlass.status")).isEqualTo("FAILED");
        assertThat(response.getString("data.createCustomKlass.klassId")).isEmpty();
        assertThat(response.getString("data.createCustomKlass.failure.code")).isEqualTo("conflict");
        assertThat(response.getString("data.createCustomKlass.failure.message")).contains("klass name already exists");
    }

    @Test
    void aDeliverySlowerThanTheAwaitWindowAnswersInFlightWithEmptyIdsAndIsDeliveredAfter() {
        kustomer.server().stubFor(post(urlEqualTo("/v1/conversations/conv_slow/notes")).atPriority(1)
                .willReturn(aResponse().withFixedDelay(3_000).withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"type\":\"note\",\"id\":\"5828a3be7c7f551a00b5b720\"}}")));

        JsonPath response = GraphQL.run(GraphQL.ADD_NOTE,
                Map.of("conversationId", "conv_slow", "noteBody", "take your time", "isInternal", true));

        assertThat(response.getBoolean("data.addNoteToConversation.success")).isTrue();
        assertThat(response.getString("data.addNoteToConversation.status")).isEqualTo("IN_FLIGHT");
        assertThat(response.getString("data.addNoteToConversation.noteId")).isEmpty();

        JsonPath delivered = awaitStatus(response.getString("data.addNoteToConversation.operationId"), "DELIVERED");
        assertThat(delivered.getList("data.operation.remoteIds")).containsExactly("5828a3be7c7f551a00b5b720");
    }

    static JsonPath awaitStatus(String operationId, String status) {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> GraphQL.run(GraphQL.OPERATION, Map.of("id", operationId)),
                        json -> status.equals(json.getString("data.operation.status")));
    }
}
