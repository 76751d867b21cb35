package com.kustomergateway.bootstrap;

import com.kustomergateway.adapters.kustomer.standin.KustomerStandInResource;
import com.kustomergateway.adapters.persistence.PrivateSchema;
import com.kustomergateway.testing.Callers;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each limit lets through a call exactly at it; one past it is refused ({@link HostileInputTest}). Depth is
 * measured on the document before the schema is consulted, so a document exactly at the depth limit gets as far as
 * the schema, which then names its unknown fields.
 */
@QuarkusTest
@QuarkusTestResource(KustomerStandInResource.class)
@QuarkusTestResource(PrivateSchema.class)
@QuarkusTestResource(Callers.class)
class LimitsTest {

    @Test
    void aQueryTenFieldsDeepGetsPastTheDepthLimit() {
        JsonPath response = query("{ " + "a { ".repeat(9) + "b" + " }".repeat(10));
        assertThat(response.getString("errors[0].extensions.code")).isEqualTo("UNKNOWN_FIELD");
    }

    @Test
    void aQueryOfTwoHundredFieldsRuns() {
        JsonPath response = query("{ " + "__typename ".repeat(200) + "}");
        assertThat(response.getList("errors")).isNull();
    }

    @Test
    void aQueryWithTenAliasesRuns() {
        JsonPath response = query("{ " + IntStream.range(0, 10).mapToObj(i -> "t" + i + ": __typename")
                .collect(Collectors.joining(" ")) + " }");
        assertThat(response.getList("errors")).isNull();
        assertThat(response.getString("data.t9")).isEqualTo("Query");
    }

    @Test
    void aStreamedBodyPastTheLimitIsRefusedToo() throws IOException, InterruptedException {
        byte[] body = ("{\"query\": \"{ __typename }\", \"variables\": {\"pad\": \""
                + "x".repeat(2 * 1024 * 1024) + "\"}}").getBytes(StandardCharsets.UTF_8);
        // No Content-Length: the body arrives in chunks and is cut off while it is read.
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/graphql"))
                .header("Authorization", "Bearer " + Callers.everyRole())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(new JsonPath(response.body()).getString("errors[0].extensions.code")).isEqualTo("REQUEST_TOO_LARGE");
    }

    private static JsonPath query(String query) {
        return given().auth().oauth2(Callers.everyRole()).contentType(ContentType.JSON).body(Map.of("query", query))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }
}
