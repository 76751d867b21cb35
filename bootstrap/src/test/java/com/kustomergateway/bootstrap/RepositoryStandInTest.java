package com.kustomergateway.bootstrap;

import com.kustomergateway.adapters.persistence.PrivateSchema;
import com.kustomergateway.testing.Callers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stand-in that dev mode starts and Compose runs (WireMock with {@code kustomer-stand-in/}) answers the
 * gateway as Kustomer does: the four seed operations end delivered with Kustomer-shaped ids (their new attributes
 * declared first), and a bulk creation gets one id per object.
 */
@QuarkusTest
@TestProfile(RepositoryStandInTest.RepositoryStandIn.class)
class RepositoryStandInTest {

    /** This stand-in instead of the tests' own, which every other test shares. */
    public static class RepositoryStandIn implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RepositoryStandInResource.class),
                    new TestResourceEntry(PrivateSchema.class), new TestResourceEntry(Callers.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    private static final String KUSTOMER_ID = "[0-9a-f]{24}";

    @ConfigProperty(name = "kustomer.base-url")
    String standIn;

    @Test
    void deliversTheFourSeedOperationsWithKustomersIds() {
        JsonPath note = GraphQL.run(GraphQL.ADD_NOTE, Map.of("conversationId", "conv_12345abc",
                "noteBody", "Customer showed interest in premium features.", "isInternal", true));
        JsonPath klass = GraphQL.run(GraphQL.CREATE_KLASS, Map.of("name", "Purchase_History",
                "displayName", "Customer Purchase History", "description", "Tracks customer purchase patterns",
                "icon", "shopping-cart"));
        JsonPath object = GraphQL.run(GraphQL.CREATE_OBJECTS, Map.of("klassName", "Customer_Preferences",
                "objects", List.of(Map.of("title", "John Smith Preferences", "customerId", "cust_abc123",
                        "data", List.of(Map.of("key", "product_interest_score", "value", "8.5"),
                                Map.of("key", "is_premium_customer", "value", "true")))),
                "fieldTypes", List.of(Map.of("key", "product_interest_score", "value", "num"),
                        Map.of("key", "is_premium_customer", "value", "bool"))));
        JsonPath customer = GraphQL.run(GraphQL.UPDATE_CUSTOMER, Map.of("customerId", "cust_abc123",
                "personalizationData", List.of(Map.of("key", "loyalty_tier", "value", "gold"))));

        assertThat(delivered(note.getString("data.addNoteToConversation.operationId")))
                .singleElement().asString().matches(KUSTOMER_ID);
        assertThat(delivered(klass.getString("data.createCustomKlass.operationId")))
                .singleElement().asString().matches(KUSTOMER_ID);
        assertThat(delivered(object.getString("data.createCustomObjects.operationId")))
                .singleElement().asString().matches(KUSTOMER_ID);
        assertThat(delivered(customer.getString("data.updateCustomerData.operationId")))
                .containsExactly("cust_abc123");
        // New attributes are declared first: the stand-in reads and takes metadata of the customer and of Klasses.
        assertThat(requestMethods(object.getString("data.createCustomObjects.operationId")))
                .containsExactly("GET", "PUT", "POST");
        assertThat(requestMethods(customer.getString("data.updateCustomerData.operationId")))
                .containsExactly("GET", "PUT", "PATCH");
    }

    @Test
    void createsMoreThanABulkRequestOfObjectsWithOneIdForEach() {
        List<Map<String, Object>> objects = IntStream.range(0, 150)
                .mapToObj(i -> Map.<String, Object>of("title", "Order " + i, "customerId", "",
                        "data", List.of(Map.of("key", "total", "value", Integer.toString(i)))))
                .toList();

        JsonPath response = GraphQL.run(GraphQL.CREATE_OBJECTS, Map.of("klassName", "Orders", "objects", objects,
                "fieldTypes", List.of(Map.of("key", "total", "value", "num"))));

        List<String> ids = delivered(response.getString("data.createCustomObjects.operationId"));
        assertThat(ids).hasSize(150).doesNotHaveDuplicates().allMatch(id -> id.matches(KUSTOMER_ID));
    }

    @Test
    void refusesARequestWithoutItsKeyAsKustomerDoes() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(standIn + "/v1/klasses"))
                        .header("Authorization", "Bearer not-the-key").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Orders\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("\"errors\"");
    }

    private static List<String> requestMethods(String operationId) {
        return Settled.operation(operationId).getList("data.operation.attempts[0].requests.method", String.class);
    }

    /** Kustomer's ids of a delivered operation, once it is delivered. */
    private static List<String> delivered(String operationId) {
        assertThat(operationId).isNotBlank();
        JsonPath operation = Settled.operation(operationId);
        assertThat(operation.getString("data.operation.status"))
                .as("operation %s: %s", operationId, operation.prettify()).isEqualTo("DELIVERED");
        return operation.getList("data.operation.remoteIds", String.class);
    }
}
