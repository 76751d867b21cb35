package com.kustomergateway.bootstrap;

import com.kustomergateway.adapters.persistence.PrivateSchema;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandInResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The service's own surface: the published schema and its health. */
@QuarkusTest
@QuarkusTestResource(KustomerStandInResource.class)
@QuarkusTestResource(PrivateSchema.class)
class ServiceTest {

    @Test
    void publishesTheContractedSchema() {
        given().when().get("/graphql/schema.graphql").then().statusCode(200)
                .body(containsString("addNoteToConversation("))
                .body(containsString("conversationId: String!"))
                .body(containsString("isInternal: Boolean = true"))
                .body(containsString("idempotencyKey: String"))
                .body(containsString("): AddNoteResult!"))
                .body(containsString("): CreateCustomObjectsResult!"))
                .body(containsString("objects: [CustomObjectInput!]!"))
                .body(containsString("fieldTypes: [KeyValueInput!]!"))
                .body(containsString("): CreateCustomKlassResult!"))
                .body(containsString("personalizationData: [KeyValueInput!]!"))
                .body(containsString("): UpdateCustomerDataResult!"))
                .body(containsString("input KeyValueInput"))
                .body(containsString("input CustomObjectInput"))
                .body(containsString("operationId: ID!"))
                .body(containsString("status: OperationStatus!"));
    }

    /** Written by adapters-graphql's build for frontends' code generators; Maven runs tests in the module. */
    static final Path BUILT_SCHEMA = Path.of("..", "adapters-graphql", "target", "graphql", "schema.graphql");

    @Test
    void servesTheSchemaTheBuildWroteForFrontends() throws IOException {
        String served = given().when().get("/graphql/schema.graphql").then().statusCode(200)
                .contentType(containsString("text/plain")).extract().asString();

        assertThat(served).isEqualTo(Files.readString(BUILT_SCHEMA));
    }

    @Test
    void isReadyWhenItCanDeliverToKustomer() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("kustomer-delivery"));
    }
}
