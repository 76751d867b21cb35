package com.kustomergateway.bootstrap;

import com.kustomergateway.adapters.kustomer.standin.KustomerStandInResource;
import com.kustomergateway.adapters.persistence.PrivateSchema;
import com.kustomergateway.testing.Callers;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Allow-list mode: the gateway runs only the documents in its allow-list directory ({@code src/test/resources/
 * allow-list} here), however a client spaces them, by text or by the file's hash; anything else is refused with
 * {@code PERSISTED_QUERY_NOT_ALLOWED} and changes nothing, over HTTP and over the WebSocket alike.
 */
@QuarkusTest
@TestProfile(AllowListTest.AllowList.class)
@QuarkusTestResource(KustomerStandInResource.class)
@QuarkusTestResource(PrivateSchema.class)
class AllowListTest {

    static final Path DIRECTORY = Path.of("src", "test", "resources", "allow-list");

    public static class AllowList implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.graphql.allow-list", DIRECTORY.toAbsolutePath().toString());
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void aRegisteredQueryRunsHoweverItIsSpacedAndCommented() {
        JsonPath response = post(Map.of("query", "query DeliveryState{deliveryStatus{state}} # from the console"));

        assertThat(response.getList("errors")).isNull();
        assertThat(response.getString("data.deliveryStatus.state")).isEqualTo("RUNNING");
    }

    @Test
    void aRegisteredFileRunsByItsHashFromTheFirstCall() throws Exception {
        String file = Files.readString(DIRECTORY.resolve("delivery-status.graphql"));

        JsonPath response = post(Map.of("extensions", Map.of("persistedQuery",
                Map.of("version", 1, "sha256Hash", PersistedQueriesTest.sha256(file)))));

        assertThat(response.getList("errors")).isNull();
        assertThat(response.getString("data.deliveryStatus.state")).isEqualTo("RUNNING");
    }

    @Test
    void anUnregisteredMutationIsRefusedWithAStableCodeAndStoresNothing() {
        long before = StoredOperations.count(dataSource);

        JsonPath response = post(Map.of("query", GraphQL.UPDATE_CUSTOMER, "variables", Map.of(
                "customerId", "cust_allow", "personalizationData", List.of(Map.of("key", "a", "value", "b")))));

        assertThat(response.getString("errors[0].extensions.code")).isEqualTo("PERSISTED_QUERY_NOT_ALLOWED");
        assertThat(response.getString("errors[0].message")).contains("allow-list");
        assertThat(response.getString("data")).isNull();
        assertThat(StoredOperations.count(dataSource)).isEqualTo(before);
    }

    @Test
    void aQueryThatDiffersFromARegisteredOneByAFieldIsRefused() {
        JsonPath response = post(Map.of("query", "query DeliveryState { deliveryStatus { state reason } }"));

        assertThat(response.getString("errors[0].extensions.code")).isEqualTo("PERSISTED_QUERY_NOT_ALLOWED");
    }

    @Test
    void overTheWebSocketOnlyRegisteredSubscriptionsRun() throws Exception {
        try (GraphQLSocket socket = GraphQLSocket.open(null)) {
            socket.initWithToken(Callers.everyRole());
            assertThat(socket.next().getString("type")).isEqualTo("connection_ack");

            socket.subscribe("1", "subscription { operationUpdates(id: \"" + UUID.randomUUID() + "\") { id } }");
            JsonPath refused = socket.next();
            assertThat(refused.getString("type")).isEqualTo("error");
            assertThat(refused.getString("payload[0].extensions.code")).isEqualTo("PERSISTED_QUERY_NOT_ALLOWED");

            socket.subscribe("2", "subscription Follow($id: ID!) { operationUpdates(id: $id) { id status } }",
                    "{\"id\": \"" + UUID.randomUUID() + "\"}");
            JsonPath allowed = socket.next();
            assertThat(allowed.getString("id")).isEqualTo("2");
            assertThat(allowed.getString("payload.errors[0].extensions.code")).isEqualTo("OPERATION_NOT_FOUND");
        }
    }

    private static JsonPath post(Map<String, ?> body) {
        return given().auth().oauth2(Callers.everyRole()).contentType(ContentType.JSON).body(body)
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }
}
