package com.kustomergateway.bootstrap;

import com.kustomergateway.adapters.graphql.DocumentCache;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandInResource;
import com.kustomergateway.adapters.persistence.PrivateSchema;
import com.kustomergateway.testing.Callers;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A frontend sends a query's SHA-256 instead of its text (Apollo's automatic persisted queries), by POST or by GET;
 * the gateway asks for the text the first time, then knows the hash. GET only reads: a mutation sent by GET is
 * refused and stores nothing. The door and GraphQL execution read a repeated query once.
 */
@QuarkusTest
@QuarkusTestResource(KustomerStandInResource.class)
@QuarkusTestResource(PrivateSchema.class)
class PersistedQueriesTest {

    @Inject
    DataSource dataSource;

    @Inject
    DocumentCache documents;

    /** A query no other test sends, so that the gateway cannot know its hash yet. */
    private static String freshQuery() {
        return "query Status" + UUID.randomUUID().toString().replace("-", "")
                + " { deliveryStatus { state counts { status count exact } } }";
    }

    @Test
    void anUnknownHashIsAnsweredPersistedQueryNotFoundThenTheQueryRunsAndTheHashAloneWorks() {
        String query = freshQuery();
        String hash = sha256(query);

        JsonPath unknown = post(body(null, hash, Map.of())).then().statusCode(200).extract().jsonPath();
        assertThat(unknown.getString("errors[0].message")).isEqualTo("PersistedQueryNotFound");
        assertThat(unknown.getString("errors[0].extensions.code")).isEqualTo("PERSISTED_QUERY_NOT_FOUND");
        assertThat(unknown.getString("data")).isNull();

        JsonPath withText = post(body(query, hash, Map.of())).then().statusCode(200).extract().jsonPath();
        assertThat(withText.getList("errors")).isNull();
        assertThat(withText.getString("data.deliveryStatus.state")).isEqualTo("RUNNING");

        JsonPath hashAlone = post(body(null, hash, Map.of())).then().statusCode(200).extract().jsonPath();
        assertThat(hashAlone.getList("errors")).isNull();
        assertThat(hashAlone.getString("data.deliveryStatus.state")).isEqualTo("RUNNING");
    }

    @Test
    void aHashThatIsNotTheQuerysIsRefusedAndNothingRuns() {
        String query = freshQuery();

        Response response = post(body(query, sha256(query + " "), Map.of()));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("MALFORMED_REQUEST");
        assertThat(response.jsonPath().getString("errors[0].message")).contains("SHA-256 is " + sha256(query));
    }

    @Test
    void aMutationSentByHashRunsOnceItsTextIsKnown() {
        String mutation = GraphQL.UPDATE_CUSTOMER + "\n# " + UUID.randomUUID();
        Map<String, Object> variables = Map.of("customerId", "cust_persisted",
                "personalizationData", List.of(Map.of("key", "loyalty_tier", "value", "gold")));

        post(body(mutation, sha256(mutation), variables)).then().statusCode(200);
        JsonPath byHash = post(body(null, sha256(mutation), variables)).then().statusCode(200).extract().jsonPath();

        assertThat(byHash.getList("errors")).isNull();
        assertThat(byHash.getString("data.updateCustomerData.customerId")).isEqualTo("cust_persisted");
    }

    @Test
    void anAuditQueryRunsByGetWithItsTextAndThenWithItsHashAlone() {
        String query = freshQuery();
        String extensions = "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + sha256(query) + "\"}}";

        JsonPath notYet = get(Map.of("extensions", extensions)).then().statusCode(200).extract().jsonPath();
        assertThat(notYet.getString("errors[0].extensions.code")).isEqualTo("PERSISTED_QUERY_NOT_FOUND");

        JsonPath withText = get(Map.of("query", query, "extensions", extensions))
                .then().statusCode(200).extract().jsonPath();
        assertThat(withText.getList("errors")).isNull();
        assertThat(withText.getString("data.deliveryStatus.state")).isEqualTo("RUNNING");

        JsonPath hashAlone = get(Map.of("extensions", extensions, "operationName", query.substring(6, 44)))
                .then().statusCode(200).extract().jsonPath();
        assertThat(hashAlone.getList("errors")).isNull();
        assertThat(hashAlone.getList("data.deliveryStatus.counts.status")).contains("DELIVERED", "FAILED");
    }

    @Test
    void getCarriesVariablesWithCharactersURLsEscape() {
        JsonPath response = get(Map.of("query", GraphQL.OPERATION,
                "variables", "{\"id\": \"" + UUID.randomUUID() + "\"}"))
                .then().statusCode(200).extract().jsonPath();

        assertThat(response.getList("errors")).isNull();
        assertThat(response.getMap("data")).containsEntry("operation", null);
    }

    @Test
    void aMutationSentByGetIsRefusedWith405AndStoresNothing() {
        long before = StoredOperations.count(dataSource);

        Response response = get(Map.of("query", GraphQL.UPDATE_CUSTOMER, "variables",
                "{\"customerId\": \"cust_get\", \"personalizationData\": [{\"key\": \"a\", \"value\": \"b\"}]}"));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("POST");
        assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(response.jsonPath().getString("errors[0].message")).contains("mutation", "POST");
        assertThat(StoredOperations.count(dataSource)).isEqualTo(before);
    }

    @Test
    void aGetWithoutATokenIsRefusedAtTheDoor() {
        Response response = given().queryParam("query", "{ deliveryStatus { state } }").when().get("/graphql");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void aGetPastALimitIsRefusedLikeAPost() {
        JsonPath response = get(Map.of("query", "{ " + "a { ".repeat(10) + "b" + " }".repeat(11)))
                .then().statusCode(200).extract().jsonPath();

        assertThat(response.getString("errors[0].extensions.code")).isEqualTo("QUERY_TOO_DEEP");
    }

    @Test
    void aRepeatedQueryIsReadOnceByTheDoor() {
        String query = freshQuery();
        post(body(query, null, Map.of())).then().statusCode(200);
        long readsAfterFirst = documents.reads();

        for (int i = 0; i < 5; i++) {
            JsonPath again = post(body(query, null, Map.of())).then().statusCode(200).extract().jsonPath();
            assertThat(again.getList("errors")).isNull();
        }

        assertThat(documents.reads()).isEqualTo(readsAfterFirst);
    }

    private static Map<String, Object> body(String query, String hash, Map<String, ?> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (query != null) {
            body.put("query", query);
        }
        body.put("variables", variables);
        if (hash != null) {
            body.put("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));
        }
        return body;
    }

    private static Response post(Map<String, Object> body) {
        return given().auth().oauth2(Callers.everyRole()).contentType(ContentType.JSON).body(body)
                .when().post("/graphql");
    }

    private static Response get(Map<String, String> parameters) {
        return given().auth().oauth2(Callers.everyRole()).queryParams(parameters).when().get("/graphql");
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
