package com.kustomergateway.bootstrap;

import com.kustomergateway.adapters.kustomer.standin.InjectKustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandInResource;
import com.kustomergateway.adapters.persistence.PrivateSchema;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer update that names attributes Kustomer does not have yet declares them first, in the same attempt and
 * shown among its requests; the gateway remembers them, so the next update with the same keys sends only itself.
 */
@QuarkusTest
@QuarkusTestResource(KustomerStandInResource.class)
@QuarkusTestResource(PrivateSchema.class)
class DeclaringCustomerAttributesTest {

    @InjectKustomerStandIn
    KustomerStandIn kustomer;

    @Test
    void declaresNewAttributesBeforeTheFirstUpdateThatWritesThemAndNeverAgain() {
        String word = newWord();
        String attribute = "tier" + capitalised(word) + "Str";

        JsonPath first = Settled.operation(update("cust_declare_1", "tier_" + word));
        JsonPath second = Settled.operation(update("cust_declare_2", "tier_" + word));

        assertThat(first.getString("data.operation.status")).isEqualTo("DELIVERED");
        assertThat(first.getList("data.operation.attempts[0].requests.method"))
                .containsExactly("GET", "PUT", "PATCH");
        assertThat(first.getList("data.operation.attempts[0].requests.path")).containsExactly(
                "/v1/metadata/customer", "/v1/metadata/customer", "/v1/customers/cust_declare_1");
        assertThat(first.getString("data.operation.attempts[0].requests[1].requestBody")).isEqualTo(
                "{\"properties\":{\"" + attribute + "\":{\"displayName\":\"Tier " + capitalised(word) + "\"}}}");
        assertThat(second.getString("data.operation.status")).isEqualTo("DELIVERED");
        assertThat(second.getList("data.operation.attempts[0].requests.path"))
                .containsExactly("/v1/customers/cust_declare_2");
        assertThat(kustomer.metadata("customer").orElseThrow().has(attribute)).isTrue();
    }

    private static String update(String customer, String key) {
        return GraphQL.run(GraphQL.UPDATE_CUSTOMER, Map.of("customerId", customer,
                        "personalizationData", List.of(Map.of("key", key, "value", "gold"))))
                .getString("data.updateCustomerData.operationId");
    }

    /** A key no other test declared: the gateway remembers declarations for the whole test run. */
    private static String newWord() {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
