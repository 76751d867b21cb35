package com.kustomergateway.bootstrap;

import com.kustomergateway.adapters.persistence.PrivateSchema;
import com.kustomergateway.adapters.kustomer.standin.InjectKustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandInResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(KustomerStandInResource.class)
@QuarkusTestResource(PrivateSchema.class)
class IdempotencyTest {

    @InjectKustomerStandIn
    KustomerStandIn kustomer;

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
    void twentyConcurrentCallsWithOneKeyMakeOneOperationAndAllGetItsId() throws Exception {
        Map<String, Object> variables = Map.of("conversationId", "conv_idem_race", "noteBody", "only once",
                "isInternal", true, "idempotencyKey", "race-" + UUID.randomUUID());
        ExecutorService callers = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(callers.submit(() -> {
                    start.await();
                    return GraphQL.run(GraphQL.ADD_NOTE, variables).getString("data.addNoteToConversation.operationId");
                }));
            }
            start.countDown();
            Set<String> distinct = new HashSet<>();
            for (Future<String> id : ids) {
                distinct.add(id.get(60, TimeUnit.SECONDS));
            }
            assertThat(distinct).hasSize(1).doesNotContainNull();
        } finally {
            callers.shutdownNow();
        }
        kustomer.server().verify(1, postRequestedFor(urlEqualTo("/v1/conversations/conv_idem_race/notes")));
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
