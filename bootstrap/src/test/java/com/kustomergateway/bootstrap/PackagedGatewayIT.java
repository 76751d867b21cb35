package com.kustomergateway.bootstrap;

import com.kustomergateway.adapters.persistence.PrivateSchema;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandInResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a native executable could lose where the JVM does not (reflection, service loading, resources) still works
 * in the packaged gateway: input validation errors with their extensions, and the audit trail read back from the
 * outbox's JSON.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(KustomerStandInResource.class)
@QuarkusTestResource(PrivateSchema.class)
class PackagedGatewayIT {

    @Test
    void answersInvalidInputWithEveryViolationInTheErrorsExtensions() {
        JsonPath response = GraphQL.run(GraphQL.CREATE_OBJECTS, Map.of("klassName", "Customer_Preferences",
                "objects", List.of(Map.of("title", "John Smith Preferences", "customerId", "cust_abc123",
                        "data", List.of(Map.of("key", "product_interest_score", "value", "8,5"),
                                Map.of("key", "is_premium_customer", "value", "maybe")))),
                "fieldTypes", List.of(Map.of("key", "product_interest_score", "value", "num"),
                        Map.of("key", "is_premium_customer", "value", "bool"))));

        assertThat(response.getString("errors[0].extensions.code")).isEqualTo("VALUE_NOT_A_NUMBER");
        assertThat(response.getString("errors[0].extensions.field")).isEqualTo("objects[0].data[0].value");
        assertThat(response.getList("errors[0].extensions.violations.code"))
                .containsExactly("VALUE_NOT_A_NUMBER", "VALUE_NOT_A_BOOLEAN");
        assertThat(response.getString("data.createCustomObjects")).isNull();
    }

    @Test
    void keepsWhatWasSentToKustomerAndWhatItAnswered() {
        String operationId = GraphQL.run(GraphQL.UPDATE_CUSTOMER, Map.of("customerId", "cust_abc123",
                        "personalizationData", List.of(Map.of("key", "loyalty_tier", "value", "gold"))))
                .getString("data.updateCustomerData.operationId");

        JsonPath operation = Settled.operation(operationId);

        assertThat(operation.getString("data.operation.status")).isEqualTo("DELIVERED");
        assertThat(operation.getList("data.operation.remoteIds")).containsExactly("cust_abc123");
        assertThat(operation.getString("data.operation.attempts[0].outcome")).isEqualTo("DELIVERED");
        // The last request: the attempt begins by declaring attributes Kustomer does not have yet, if any.
        assertThat(operation.getString("data.operation.attempts[0].requests[-1].method")).isEqualTo("PATCH");
        assertThat(operation.getString("data.operation.attempts[0].requests[-1].path"))
                .isEqualTo("/v1/customers/cust_abc123");
        assertThat(operation.getString("data.operation.attempts[0].requests[-1].requestBody"))
                .isEqualTo("{\"custom\":{\"loyaltyTierStr\":\"gold\"}}");
        assertThat(operation.getInt("data.operation.attempts[0].requests[-1].status")).isEqualTo(200);
    }
}
