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

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets a clear error that names the field, and changes nothing: no operation, no request to Kustomer. */
@QuarkusTest
@QuarkusTestResource(KustomerStandInResource.class)
@QuarkusTestResource(PrivateSchema.class)
class InvalidInputTest {

    @InjectKustomerStandIn
    KustomerStandIn kustomer;

    @Inject
    DataSource dataSource;

    long operationsBefore;

    @BeforeEach
    void countOperations() throws SQLException {
        kustomer.reset();
        operationsBefore = storedOperations();
    }

    @Test
    void aNumberFieldWithACommaIsRefusedWithItsPath() {
        JsonPath response = GraphQL.run(GraphQL.CREATE_OBJECTS, Map.of(
                "klassName", "Customer_Preferences",
                "objects", List.of(Map.of("title", "t", "customerId", "",
                        "data", List.of(Map.of("key", "score", "value", "8,5")))),
                "fieldTypes", List.of(Map.of("key", "score", "value", "num"))));

        assertRefused(response, "VALUE_NOT_A_NUMBER", "objects[0].data[0].value");
        assertThat(response.getString("errors[0].message")).contains("'8,5' is not a number");
    }

    @Test
    void everyProblemOfOneCallIsListed() {
        JsonPath response = GraphQL.run(GraphQL.CREATE_OBJECTS, Map.of(
                "klassName", "Bad Klass",
                "objects", List.of(Map.of("title", "", "customerId", "cust_1",
                        "data", List.of(Map.of("key", "colour", "value", "blue"),
                                Map.of("key", "vip", "value", "yes")))),
                "fieldTypes", List.of(Map.of("key", "vip", "value", "bool"), Map.of("key", "x", "value", "decimal"))));

        assertRefused(response, "INVALID_KLASS_NAME", "klassName");
        assertThat(response.getList("errors[0].extensions.violations.code")).containsExactly(
                "INVALID_KLASS_NAME", "INVALID_FIELD_TYPE");
        assertThat(response.getList("errors[0].extensions.violations.field")).containsExactly(
                "klassName", "fieldTypes[1].value");
    }

    @Test
    void objectProblemsAreListedOnceTheCallsShapeIsRight() {
        JsonPath response = GraphQL.run(GraphQL.CREATE_OBJECTS, Map.of(
                "klassName", "Things",
                "objects", List.of(Map.of("title", "", "customerId", "cust_1",
                        "data", List.of(Map.of("key", "colour", "value", "blue"),
                                Map.of("key", "vip", "value", "yes")))),
                "fieldTypes", List.of(Map.of("key", "vip", "value", "bool"))));

        assertRefused(response, "TITLE_REQUIRED", "objects[0].title");
        assertThat(response.getList("errors[0].extensions.violations.code")).containsExactly(
                "TITLE_REQUIRED", "UNKNOWN_FIELD_TYPE_KEY", "VALUE_NOT_A_BOOLEAN");
    }

    @Test
    void aCustomerVisibleNoteIsRefused() {
        JsonPath response = GraphQL.run(GraphQL.ADD_NOTE,
                Map.of("conversationId", "conv_1", "noteBody", "hello", "isInternal", false));
        assertRefused(response, "NOTE_MUST_BE_INTERNAL", "isInternal");
    }

    @Test
    void aNoteOverKustomersLimitIsRefused() {
        JsonPath response = GraphQL.run(GraphQL.ADD_NOTE,
                Map.of("conversationId", "conv_1", "noteBody", "x".repeat(10_241), "isInternal", true));
        assertRefused(response, "NOTE_TOO_LONG", "noteBody");
    }

    @Test
    void keysThatCollideAfterCamelCaseAreRefused() {
        JsonPath response = GraphQL.run(GraphQL.UPDATE_CUSTOMER, Map.of("customerId", "cust_1",
                "personalizationData", List.of(Map.of("key", "loyalty_tier", "value", "gold"),
                        Map.of("key", "loyaltyTier", "value", "silver"))));
        assertRefused(response, "ATTRIBUTE_NAME_COLLISION", "personalizationData[1].key");
    }

    @Test
    void errorsCarryNoStackTraceNorClassNames() {
        JsonPath response = GraphQL.run(GraphQL.ADD_NOTE,
                Map.of("conversationId", "conv 1", "noteBody", "x", "isInternal", true));
        assertRefused(response, "INVALID_ID", "conversationId");
        String body = response.prettify();
        assertThat(body).doesNotContain("Exception", "at com.", "java.", KustomerStandIn.API_KEY);
    }

    void assertRefused(JsonPath response, String code, String field) {
        assertThat(response.getString("errors[0].extensions.code")).isEqualTo(code);
        assertThat(response.getString("errors[0].extensions.field")).isEqualTo(field);
        assertThat(response.getMap("data")).as("data").isNull();
        try {
            assertThat(storedOperations()).as("operations stored").isEqualTo(operationsBefore);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        kustomer.server().verify(0, anyRequestedFor(anyUrl()));
    }

    long storedOperations() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from operation")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
