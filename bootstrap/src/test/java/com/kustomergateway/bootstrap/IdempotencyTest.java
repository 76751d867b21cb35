package com.kustomergateway.bootstrap;

import com.kustomergateway.adapters.kustomer.standin.KustomerStandInResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(KustomerStandInResource.class)
@QuarkusTestResource(FreshSchema.class)
class IdempotencyTest {

    @Test
    void theSameKeyAndInputReturnTheFirstOperation() {
        Map<String, Object> variables = Map.of("customerId", "cust_idem", "idempotencyKey", "key-" + UUID.randomUUID(),
                "personalizationData", List.of(Map.of("key", "loyalty_tier", "value", "gold")));

        JsonPath first = GraphQL.run(GraphQL.UPDATE_CUSTOMER, variables);
        JsonPath second = GraphQL.run(GraphQL.UPDATE_CUSTOMER, variables);

        assertThat(second.getString("data.updateCustomerData.operationId"))
                .isEqualTo(first.getString("data.updateCustomerData.operationId"));
        assertThat(second.getString("data.updateCustomerData.status")).isEqualTo("DELIVERED");
    }

    @Test
    void theSameKeyWithOtherInputIsRefused() {
        String key = "key-" + UUID.randomUUID();
        GraphQL.run(GraphQL.ADD_NOTE, Map.of("conversationId", "conv_idem", "noteBody", "first",
                "isInternal", true, "idempotencyKey", key));

        JsonPath reused = GraphQL.run(GraphQL.ADD_NOTE, Map.of("conversationId", "conv_idem", "noteBody", "second",
                "isInternal", true, "idempotencyKey", key));

        assertThat(reused.getString("errors[0].extensions.code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(reused.getString("errors[0].extensions.field")).isEqualTo("idempotencyKey");
    }
}
