package com.kustomergateway.bootstrap;

import com.kustomergateway.adapters.kustomer.standin.InjectKustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandInResource;
import com.kustomergateway.adapters.persistence.PrivateSchema;
import com.kustomergateway.testing.Callers;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a client sends, it changes nothing it should not. Each hostile call goes end to end through
 * {@code POST /graphql} with a valid token and is refused with its exact code, stores nothing, sends Kustomer
 * nothing, and leaves the service answering. Text that is hostile only to a careless program (SQL, JSON,
 * emoji, combining marks, right-to-left text) is accepted, stored and reaches Kustomer byte for byte.
 */
@QuarkusTest
@QuarkusTestResource(KustomerStandInResource.class)
@QuarkusTestResource(PrivateSchema.class)
@QuarkusTestResource(Callers.class)
class HostileInputTest {

    @InjectKustomerStandIn
    KustomerStandIn kustomer;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void kustomerBehavesNormally() {
        kustomer.reset();
    }

    /** A call as sent, and how the gateway must answer it. */
    record Hostile(String name, Supplier<String> body, int status, String code) {
        @Override
        public String toString() {
            return name + " → " + code;
        }
    }

    static final String SQL = "'); DROP TABLE operation; --";
    static final String JSON_BREAKOUT = "\"}],\"isInternal\":false,\"custom\":{\"x\":\"";

    static Stream<Hostile> refused() {
        List<Hostile> cases = new ArrayList<>();
        // addNoteToConversation
        cases.add(note("an empty note", vars("noteBody", ""), "NOTE_EMPTY"));
        cases.add(note("a whitespace-only note", vars("noteBody", "  \t\n "), "NOTE_EMPTY"));
        cases.add(note("a null note", vars("noteBody", null), "REQUIRED_VALUE_MISSING"));
        cases.add(note("a missing note", without(NOTE, "noteBody"), "REQUIRED_VALUE_MISSING"));
        cases.add(note("a note one past 10,240 characters", vars("noteBody", "x".repeat(10_241)), "NOTE_TOO_LONG"));
        cases.add(note("a note one past 10,240 emoji", vars("noteBody", "🚀".repeat(10_241)), "NOTE_TOO_LONG"));
        cases.add(note("a note with NUL", vars("noteBody", "before\u0000after"), "INVALID_CHARACTERS"));
        cases.add(note("a note with a bell", vars("noteBody", "ding\u0007"), "INVALID_CHARACTERS"));
        cases.add(note("a note with DEL", vars("noteBody", "gone\u007f"), "INVALID_CHARACTERS"));
        cases.add(note("a note that is a number", vars("noteBody", 42), "WRONG_TYPE"));
        cases.add(note("a note that is an object", vars("noteBody", Map.of("text", "hi")), "WRONG_TYPE"));
        cases.add(note("isInternal yes", vars("isInternal", "yes"), "WRONG_TYPE"));
        cases.add(note("isInternal as text", vars("isInternal", "true"), "WRONG_TYPE"));
        cases.add(note("isInternal 1", vars("isInternal", 1), "WRONG_TYPE"));
        cases.add(note("a customer-visible note", vars("isInternal", false), "NOTE_MUST_BE_INTERNAL"));
        cases.add(note("an empty conversation id", vars("conversationId", ""), "REQUIRED_VALUE_MISSING"));
        cases.add(note("a whitespace conversation id", vars("conversationId", "   "), "REQUIRED_VALUE_MISSING"));
        cases.add(note("a conversation id one past 128", vars("conversationId", "c".repeat(129)), "INVALID_ID"));
        cases.add(note("a path-traversing conversation id", vars("conversationId", "../customers/cust_1"), "INVALID_ID"));
        cases.add(note("an SQL conversation id", vars("conversationId", "conv_1' OR '1'='1"), "INVALID_ID"));
        cases.add(note("an emoji conversation id", vars("conversationId", "conv_🚀"), "INVALID_ID"));
        cases.add(note("a list as conversation id", vars("conversationId", List.of("conv_1")), "WRONG_TYPE"));
        cases.add(note("an idempotency key with a space", vars("idempotencyKey", "key one"), "INVALID_IDEMPOTENCY_KEY"));
        cases.add(note("an idempotency key one past 255", vars("idempotencyKey", "k".repeat(256)),
                "INVALID_IDEMPOTENCY_KEY"));
        // createCustomKlass
        cases.add(klass("a Klass name with a space", vars("name", "Bad Klass"), "INVALID_KLASS_NAME"));
        cases.add(klass("a Klass name one past 255", vars("name", "k".repeat(256)), "INVALID_KLASS_NAME"));
        cases.add(klass("an empty Klass name", vars("name", ""), "REQUIRED_VALUE_MISSING"));
        cases.add(klass("an SQL Klass name", vars("name", "Robert" + SQL), "INVALID_KLASS_NAME"));
        cases.add(klass("an empty display name", vars("displayName", ""), "INVALID_DISPLAY_NAME"));
        cases.add(klass("a display name one past 255", vars("displayName", "d".repeat(256)), "INVALID_DISPLAY_NAME"));
        cases.add(klass("a null display name", vars("displayName", null), "REQUIRED_VALUE_MISSING"));
        cases.add(klass("an icon one past 64", vars("icon", "i".repeat(65)), "ICON_TOO_LONG"));
        cases.add(klass("a description one past 10,240", vars("description", "d".repeat(10_241)),
                "DESCRIPTION_TOO_LONG"));
        cases.add(klass("a description with NUL", vars("description", "a\u0000b"), "INVALID_CHARACTERS"));
        // createCustomObjects
        cases.add(objects("no objects", vars("objects", List.of()), "NO_OBJECTS"));
        cases.add(objects("1,001 objects", vars("objects", manyObjects(1_001)), "TOO_MANY_OBJECTS"));
        cases.add(objects("10,000 objects", vars("objects", manyObjects(10_000)), "TOO_MANY_OBJECTS"));
        cases.add(objects("an empty title", object("title", ""), "TITLE_REQUIRED"));
        cases.add(objects("a whitespace title", object("title", " \t "), "TITLE_REQUIRED"));
        cases.add(objects("a null title", object("title", null), "TITLE_REQUIRED"));
        cases.add(objects("a title one past 256", object("title", "t".repeat(257)), "TITLE_TOO_LONG"));
        cases.add(objects("a customer id with a space", object("customerId", "cust 1"), "INVALID_ID"));
        cases.add(objects("an unknown object field", object("colour", "red"), "UNKNOWN_FIELD"));
        cases.add(objects("a number 1e309", typed("num", "1e309"), "VALUE_NOT_A_NUMBER"));
        cases.add(objects("a number NaN", typed("num", "NaN"), "VALUE_NOT_A_NUMBER"));
        cases.add(objects("a number 8,5", typed("num", "8,5"), "VALUE_NOT_A_NUMBER"));
        cases.add(objects("a number 0x10", typed("num", "0x10"), "VALUE_NOT_A_NUMBER"));
        cases.add(objects("a number Infinity", typed("num", "Infinity"), "VALUE_NOT_A_NUMBER"));
        cases.add(objects("an empty number", typed("num", ""), "VALUE_NOT_A_NUMBER"));
        cases.add(objects("a date 2024-02-30", typed("date", "2024-02-30"), "VALUE_NOT_A_DATE"));
        cases.add(objects("a date 15/01/2024", typed("date", "15/01/2024"), "VALUE_NOT_A_DATE"));
        cases.add(objects("a date-time without a zone", typed("date", "2024-01-15T09:30:00"), "VALUE_NOT_A_DATE"));
        cases.add(objects("a date-time with a zone name", typed("date", "2024-01-15T09:30:00 Europe/Paris"),
                "VALUE_NOT_A_DATE"));
        cases.add(objects("a boolean yes", typed("bool", "yes"), "VALUE_NOT_A_BOOLEAN"));
        cases.add(objects("a boolean TRUE", typed("bool", "TRUE"), "VALUE_NOT_A_BOOLEAN"));
        cases.add(objects("a boolean 1", typed("bool", "1"), "VALUE_NOT_A_BOOLEAN"));
        cases.add(objects("a javascript URL", typed("url", "javascript:alert(1)"), "VALUE_NOT_A_URL"));
        cases.add(objects("a string one past 1,024", typed("str", "s".repeat(1_025)), "VALUE_TOO_LONG"));
        cases.add(objects("a data key with no field type", vars("fieldTypes", List.of()), "UNKNOWN_FIELD_TYPE_KEY"));
        cases.add(objects("an unknown field type", vars("fieldTypes", List.of(kv("score", "decimal"))),
                "INVALID_FIELD_TYPE"));
        cases.add(objects("an upper-case field type", vars("fieldTypes", List.of(kv("score", "STR"))),
                "INVALID_FIELD_TYPE"));
        cases.add(objects("a field type declared twice",
                vars("fieldTypes", List.of(kv("score", "str"), kv("score", "num"))), "DUPLICATE_KEY"));
        cases.add(objects("keys colliding after camelCase", vars(
                "objects", List.of(obj("t", List.of(kv("loyalty_tier", "gold"), kv("loyaltyTier", "silver")))),
                "fieldTypes", List.of(kv("loyalty_tier", "str"), kv("loyaltyTier", "str"))),
                "ATTRIBUTE_NAME_COLLISION"));
        cases.add(objects("an SQL data key", vars("objects", List.of(obj("t", List.of(kv(SQL, "x")))),
                "fieldTypes", List.of(kv(SQL, "str"))), "INVALID_ATTRIBUTE_KEY"));
        cases.add(objects("101 attributes on one object", vars(
                "objects", List.of(obj("t", pairs(101, "v"))), "fieldTypes", pairs(101, "str")),
                "TOO_MANY_ATTRIBUTES"));
        cases.add(objects("a data value that is null", vars("objects", List.of(Map.of("title", "t",
                "data", List.of(vars("key", "score", "value", null))))), "REQUIRED_VALUE_MISSING"));
        cases.add(objects("10,001 key-value pairs", vars("objects", IntStream.range(0, 1_000)
                .mapToObj(i -> obj("t" + i, pairs(10, "v"))).toList(), "fieldTypes", pairs(1, "str")),
                "TOO_MANY_KEY_VALUE_PAIRS"));
        // updateCustomerData
        cases.add(customer("no personalization data", vars("personalizationData", List.of()),
                "NO_PERSONALIZATION_DATA"));
        cases.add(customer("keys colliding after camelCase", vars("personalizationData",
                List.of(kv("loyalty_tier", "gold"), kv("loyaltyTier", "silver"))), "ATTRIBUTE_NAME_COLLISION"));
        cases.add(customer("an empty key", vars("personalizationData", List.of(kv("", "gold"))),
                "REQUIRED_VALUE_MISSING"));
        cases.add(customer("an emoji key", vars("personalizationData", List.of(kv("tier_🚀", "gold"))),
                "INVALID_ATTRIBUTE_KEY"));
        cases.add(customer("a number 12,5", vars("personalizationData", List.of(kv("lifetimeValueNum", "12,5"))),
                "VALUE_NOT_A_NUMBER"));
        cases.add(customer("a value with NUL", vars("personalizationData", List.of(kv("tier", "gold\u0000"))),
                "INVALID_CHARACTERS"));
        cases.add(customer("a null customer id", vars("customerId", null), "REQUIRED_VALUE_MISSING"));
        cases.add(customer("101 pairs", vars("personalizationData", pairs(101, "v")), "TOO_MANY_ATTRIBUTES"));
        cases.add(customer("a pair without its value", vars("personalizationData", List.of(Map.of("key", "tier"))),
                "REQUIRED_VALUE_MISSING"));
        // the document itself
        cases.add(query("an unknown field", "mutation { addNoteToConversation(conversationId: \"c\", "
                + "noteBody: \"n\") { success secret } }", 200, "UNKNOWN_FIELD"));
        cases.add(query("an unknown argument", "mutation { addNoteToConversation(conversationId: \"c\", "
                + "noteBody: \"n\", visibleTo: \"all\") { success } }", 200, "UNKNOWN_FIELD"));
        cases.add(query("a missing required argument", "mutation { addNoteToConversation(conversationId: \"c\") "
                + "{ success } }", 200, "REQUIRED_VALUE_MISSING"));
        cases.add(query("a null required argument", "mutation { addNoteToConversation(conversationId: \"c\", "
                + "noteBody: null) { success } }", 200, "REQUIRED_VALUE_MISSING"));
        cases.add(query("a literal of the wrong type", "mutation { addNoteToConversation(conversationId: \"c\", "
                + "noteBody: \"n\", isInternal: \"yes\") { success } }", 200, "WRONG_TYPE"));
        cases.add(query("broken GraphQL", "mutation { addNoteToConversation(", 200, "INVALID_QUERY"));
        cases.add(query("an unknown operation name", request("query A { __typename }", null, "B"), 200,
                "UNKNOWN_FIELD"));
        cases.add(query("a query 11 fields deep", "{ " + "a { ".repeat(11) + "b" + " }".repeat(12), 200,
                "QUERY_TOO_DEEP"));
        cases.add(query("a query nested 10,000 deep", "{ " + "a { ".repeat(10_000) + "b" + " }".repeat(10_001),
                200, "QUERY_TOO_DEEP"));
        cases.add(query("201 fields", "{ " + "__typename ".repeat(201) + "}", 200, "QUERY_TOO_COMPLEX"));
        cases.add(query("fragments doubling ten times", fragmentBomb(10), 200, "QUERY_TOO_COMPLEX"));
        cases.add(query("a fragment spreading itself", "{ ...A } fragment A on Query { ...B } "
                + "fragment B on Query { ...A }", 200, "INVALID_QUERY"));
        cases.add(query("11 aliased mutations", "mutation { " + IntStream.range(0, 11).mapToObj(i -> "n" + i
                + ": addNoteToConversation(conversationId: \"conv_alias\", noteBody: \"n\") { success }")
                .reduce("", String::concat) + " }", 200, "TOO_MANY_ALIASES"));
        cases.add(query("introspection of the schema", "{ __schema { types { name } } }", 200,
                "INTROSPECTION_DISABLED"));
        cases.add(query("introspection of a type", "{ __type(name: \"Operation\") { fields { name } } }", 200,
                "INTROSPECTION_DISABLED"));
        // the request around it
        cases.add(raw("malformed JSON", () -> "{\"query\": \"{ __typename }\"", 400, "MALFORMED_REQUEST"));
        cases.add(raw("a JSON array", () -> "[{\"query\": \"{ __typename }\"}]", 400, "MALFORMED_REQUEST"));
        cases.add(raw("an empty body", () -> "", 400, "MALFORMED_REQUEST"));
        cases.add(raw("a query that is a number", () -> "{\"query\": 42}", 400, "MALFORMED_REQUEST"));
        cases.add(raw("no query", () -> "{\"variables\": {}}", 400, "MALFORMED_REQUEST"));
        cases.add(raw("variables that are text", () -> "{\"query\": \"{ __typename }\", \"variables\": \"x\"}", 400,
                "MALFORMED_REQUEST"));
        cases.add(raw("JSON nested 100,000 deep", () -> "{\"query\": \"{ __typename }\", \"variables\": {\"v\": "
                + "[".repeat(100_000) + "]".repeat(100_000) + "}}", 400, "MALFORMED_REQUEST"));
        cases.add(raw("a body past 2 MB", () -> request(GraphQL.ADD_NOTE, vars("conversationId", "conv_big",
                "noteBody", "x".repeat(2 * 1024 * 1024), "isInternal", true), null), 413, "REQUEST_TOO_LARGE"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void isRefusedWithItsCodeAndChangesNothing(Hostile hostile) {
        long before = StoredOperations.count(dataSource);

        Response response = post(hostile.body().get());

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(hostile.status());
        JsonPath body = response.jsonPath();
        assertThat(body.getString("errors[0].extensions.code")).as(response.asString()).isEqualTo(hostile.code());
        assertThat(response.asString()).doesNotContain("Exception", "at com.", "at io.", KustomerStandIn.API_KEY);
        assertThat(StoredOperations.count(dataSource)).as("operations stored").isEqualTo(before);
        kustomer.server().verify(0, anyRequestedFor(anyUrl()));
        JsonPath stillThere = GraphQL.run(GraphQL.OPERATION, Map.of("id", UUID.randomUUID().toString()));
        assertThat(stillThere.getList("errors")).as("the service still answers").isNull();
    }

    /** Text a careless program would break on, which Kustomer must receive exactly as sent. */
    record Verbatim(String name, String text) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Verbatim> verbatim() {
        return Stream.of(
                new Verbatim("emoji with skin tones and joiners", "Loves it 👍🏽 👩‍👩‍👧 🚀"),
                new Verbatim("combining marks", "Cafe\u0301 n\u0303 Z\u0324\u0354\u0367\u0311"),
                new Verbatim("right-to-left text", "العميل مهتم بالترقية \u202Eevil\u202C שלום"),
                new Verbatim("SQL", SQL + " 1; DELETE FROM operation WHERE '1'='1"),
                new Verbatim("a JSON breakout", JSON_BREAKOUT),
                new Verbatim("tabs, line feeds and carriage returns", "line 1\r\n\tline 2\n"),
                new Verbatim("exactly 10,240 characters", "x".repeat(10_239) + "é"),
                new Verbatim("exactly 10,240 emoji", "🚀".repeat(10_240)));
    }

    @ParameterizedTest(name = "a note with {0} reaches Kustomer byte for byte")
    @MethodSource("verbatim")
    void aNoteReachesKustomerByteForByte(Verbatim verbatim) {
        long before = StoredOperations.count(dataSource);
        String conversation = "conv_" + UUID.randomUUID().toString().substring(0, 8);

        JsonPath response = GraphQL.run(GraphQL.ADD_NOTE,
                Map.of("conversationId", conversation, "noteBody", verbatim.text(), "isInternal", true));

        assertThat(response.getList("errors")).isNull();
        assertThat(response.getString("data.addNoteToConversation.status")).isEqualTo("DELIVERED");
        assertThat(StoredOperations.count(dataSource)).isEqualTo(before + 1);
        String sent = kustomer.server().findAll(postRequestedFor(urlEqualTo("/v1/conversations/" + conversation
                + "/notes"))).get(0).getBodyAsString();
        String received = new JsonObject(sent).getString("body");
        assertThat(received.getBytes(StandardCharsets.UTF_8)).isEqualTo(verbatim.text().getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "a customer value with {0} reaches Kustomer byte for byte")
    @MethodSource("verbatim")
    void aCustomerValueReachesKustomerByteForByte(Verbatim verbatim) {
        String text = verbatim.text().length() > 1_024 ? verbatim.text().substring(0, 1_000) : verbatim.text();
        String customer = "cust_" + UUID.randomUUID().toString().substring(0, 8);

        JsonPath response = GraphQL.run(GraphQL.UPDATE_CUSTOMER, Map.of("customerId", customer,
                "personalizationData", List.of(Map.of("key", "remark", "value", text))));

        assertThat(response.getList("errors")).isNull();
        String sent = kustomer.server().findAll(patchRequestedFor(urlEqualTo("/v1/customers/" + customer)))
                .get(0).getBodyAsString();
        String received = new JsonObject(sent).getJsonObject("custom").getString("remarkStr");
        assertThat(received.getBytes(StandardCharsets.UTF_8)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(StoredOperations.count(dataSource)).as("the outbox is intact").isPositive();
    }

    // --- building calls -------------------------------------------------------------------------------------

    static final Map<String, Object> NOTE = vars("conversationId", "conv_hostile", "noteBody", "hello",
            "isInternal", true);
    static final Map<String, Object> KLASS = vars("name", "Hostile_Klass", "displayName", "Hostile",
            "description", "", "icon", "");
    static final Map<String, Object> OBJECTS = vars("klassName", "Hostile_Klass",
            "objects", List.of(obj("t", List.of(kv("score", "8.5")))), "fieldTypes", List.of(kv("score", "num")));
    static final Map<String, Object> CUSTOMER = vars("customerId", "cust_hostile",
            "personalizationData", List.of(kv("loyalty_tier", "gold")));

    static Hostile note(String name, Map<String, Object> change, String code) {
        return new Hostile("addNoteToConversation: " + name,
                () -> request(GraphQL.ADD_NOTE, merged(NOTE, change), null), 200, code);
    }

    static Hostile klass(String name, Map<String, Object> change, String code) {
        return new Hostile("createCustomKlass: " + name,
                () -> request(GraphQL.CREATE_KLASS, merged(KLASS, change), null), 200, code);
    }

    static Hostile objects(String name, Map<String, Object> change, String code) {
        return new Hostile("createCustomObjects: " + name,
                () -> request(GraphQL.CREATE_OBJECTS, merged(OBJECTS, change), null), 200, code);
    }

    static Hostile customer(String name, Map<String, Object> change, String code) {
        return new Hostile("updateCustomerData: " + name,
                () -> request(GraphQL.UPDATE_CUSTOMER, merged(CUSTOMER, change), null), 200, code);
    }

    static Hostile query(String name, String query, int status, String code) {
        return new Hostile(name, () -> query.startsWith("{\"") ? query : request(query, null, null), status, code);
    }

    static Hostile raw(String name, Supplier<String> body, int status, String code) {
        return new Hostile(name, body, status, code);
    }

    /** The seed object with one field changed, as a change of {@code objects}. */
    static Map<String, Object> object(String field, Object value) {
        Map<String, Object> object = new LinkedHashMap<>(obj("t", List.of(kv("score", "8.5"))));
        object.put(field, value);
        return vars("objects", List.of(object));
    }

    /** One object whose {@code score} is declared {@code type} and holds {@code value}. */
    static Map<String, Object> typed(String type, String value) {
        return vars("objects", List.of(obj("t", List.of(kv("score", value)))),
                "fieldTypes", List.of(kv("score", type)));
    }

    static List<Map<String, Object>> manyObjects(int count) {
        return Collections.nCopies(count, vars("title", "t", "customerId", "", "data", List.of()));
    }

    static Map<String, Object> obj(String title, List<Map<String, Object>> data) {
        return vars("title", title, "customerId", "cust_hostile", "data", data);
    }

    static List<Map<String, Object>> pairs(int count, String value) {
        return IntStream.range(0, count).mapToObj(i -> kv("key_" + i, value)).toList();
    }

    static Map<String, Object> kv(String key, String value) {
        return vars("key", key, "value", value);
    }

    /** Fragment {@code F0} spreads {@code F1} twice, which spreads {@code F2} twice, … : 2^levels fields. */
    static String fragmentBomb(int levels) {
        StringBuilder query = new StringBuilder("{ ...F0 }");
        for (int i = 0; i < levels; i++) {
            query.append(" fragment F").append(i).append(" on Query { ...F").append(i + 1).append(" ...F")
                    .append(i + 1).append(" }");
        }
        return query.append(" fragment F").append(levels).append(" on Query { __typename }").toString();
    }

    static Map<String, Object> merged(Map<String, Object> base, Map<String, Object> change) {
        Map<String, Object> variables = new LinkedHashMap<>(base);
        variables.putAll(change);
        return variables;
    }

    static Map<String, Object> without(Map<String, Object> base, String key) {
        Map<String, Object> variables = new LinkedHashMap<>(base);
        variables.remove(key);
        return Map.of(REMOVE, variables);
    }

    private static final String REMOVE = "\u0000replace-all";

    /** Keys and values, nulls allowed. */
    static Map<String, Object> vars(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static String request(String query, Map<String, Object> variables, String operationName) {
        JsonObject body = new JsonObject().put("query", query);
        if (variables != null) {
            Object replaced = variables.get(REMOVE);
            body.put("variables", new JsonObject(replaced instanceof Map<?, ?> all ? cast(all) : variables));
        }
        if (operationName != null) {
            body.put("operationName", operationName);
        }
        return body.encode();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static Response post(String body) {
        return given().auth().oauth2(Callers.everyRole()).contentType(ContentType.JSON)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/graphql").then().extract().response();
    }
}
