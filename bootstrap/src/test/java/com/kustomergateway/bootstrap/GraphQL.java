package com.kustomergateway.bootstrap;

import com.kustomergateway.testing.Callers;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * Sends GraphQL over HTTP, as a frontend does, and hands back the response body. Calls carry a token holding every
 * role, so tests of other concerns are not refused at the door; {@link AccessTest} covers who gets in.
 */
public final class GraphQL {

    public static final String ADD_NOTE = """
            mutation($conversationId: String!, $noteBody: String!, $isInternal: Boolean!, $idempotencyKey: String) {
              addNoteToConversation(conversationId: $conversationId, noteBody: $noteBody, isInternal: $isInternal,
                                    idempotencyKey: $idempotencyKey) {
                success noteId operationId status failure { httpStatus code message }
              }
            }""";

    public static final String CREATE_OBJECTS = """
            mutation($klassName: String!, $objects: [CustomObjectInput!]!, $fieldTypes: [KeyValueInput!]!,
                     $idempotencyKey: String) {
              createCustomObjects(klassName: $klassName, objects: $objects, fieldTypes: $fieldTypes,
                                  idempotencyKey: $idempotencyKey) {
                success createdCount objectIds operationId status failure { httpStatus code message }
              }
            }""";

    public static final String CREATE_KLASS = """
            mutation($name: String!, $displayName: String!, $description: String!, $icon: String!,
                     $idempotencyKey: String) {
              createCustomKlass(name: $name, displayName: $displayName, description: $description, icon: $icon,
                                idempotencyKey: $idempotencyKey) {
                success klassId name note operationId status failure { httpStatus code message }
              }
            }""";

    public static final String UPDATE_CUSTOMER = """
            mutation($customerId: String!, $personalizationData: [KeyValueInput!]!, $idempotencyKey: String) {
              updateCustomerData(customerId: $customerId, personalizationData: $personalizationData,
                                 idempotencyKey: $idempotencyKey) {
                success customerId operationId status failure { httpStatus code message }
              }
            }""";

    public static final String OPERATION = """
            query($id: ID!) {
              operation(id: $id) {
                id kind resource status failedAttempts remoteIds nextAttemptAt
                lastFailure { httpStatus code message }
                attempts { number outcome error { httpStatus code message }
                           requests { method path requestBody status responseBody } }
              }
            }""";

    private GraphQL() {
    }

    /** Runs a query with variables given as JSON text (as a frontend would send them). */
    public static JsonPath run(String query, String variablesJson) {
        String body = "{\"query\": " + quote(query) + ", \"variables\": " + variablesJson + "}";
        return post(body);
    }

    public static JsonPath run(String query, Map<String, ?> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return given().auth().oauth2(Callers.everyRole()).contentType(ContentType.JSON).body(body)
                .when().post("/graphql")
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath();
    }

    static JsonPath post(String body) {
        return given().auth().oauth2(Callers.everyRole()).contentType(ContentType.JSON).body(body)
                .when().post("/graphql")
                .then().contentType(ContentType.JSON)
                .extract().jsonPath();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
