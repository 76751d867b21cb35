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
import io.restassured.specification.RequestSpecification;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Only the right callers get in: every query and mutation, called with every kind of token a caller might hold,
 * real and signed, is refused with {@code UNAUTHENTICATED} (no valid token: HTTP 401) or {@code FORBIDDEN} (valid,
 * but without the field's role), stores nothing and sends Kustomer nothing; with the right role it runs.
 */
@QuarkusTest
@QuarkusTestResource(KustomerStandInResource.class)
@QuarkusTestResource(PrivateSchema.class)
@QuarkusTestResource(Callers.class)
class AccessTest {

    @InjectKustomerStandIn
    KustomerStandIn kustomer;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void kustomerBehavesNormally() {
        kustomer.reset();
    }

    /**
     * One thing a caller can ask for, the role it takes, and the code it answers once let in ({@code null}: no
     * error), which shows its resolver ran.
     */
    record Call(String name, String role, String query, Map<String, Object> variables, String codeWhenLetIn) {
        Call(String name, String role, String query, Map<String, Object> variables) {
            this(name, role, query, variables, null);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A caller as its token describes it; {@code null} sends no token at all. */
    record Caller(String name, Function<Call, String> token) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Call> calls() {
        return List.of(
                new Call("addNoteToConversation", "gateway-writer", GraphQL.ADD_NOTE,
                        Map.of("conversationId", "conv_access", "noteBody", "who goes there", "isInternal", true)),
                new Call("createCustomObjects", "gateway-writer", GraphQL.CREATE_OBJECTS, Map.of(
                        "klassName", "Access_Klass",
                        "objects", List.of(Map.of("title", "t", "customerId", "cust_access",
                                "data", List.of(Map.of("key", "tier", "value", "gold")))),
                        "fieldTypes", List.of(Map.of("key", "tier", "value", "str")))),
                new Call("createCustomKlass", "gateway-writer", GraphQL.CREATE_KLASS,
                        Map.of("name", "Access_Klass_" + UUID.randomUUID().toString().substring(0, 8),
                                "displayName", "Access", "description", "", "icon", "")),
                new Call("updateCustomerData", "gateway-writer", GraphQL.UPDATE_CUSTOMER,
                        Map.of("customerId", "cust_access",
                                "personalizationData", List.of(Map.of("key", "loyalty_tier", "value", "gold")))),
                new Call("operation", "gateway-auditor", GraphQL.OPERATION,
                        Map.of("id", UUID.randomUUID().toString())),
                new Call("operations", "gateway-auditor", Audit.OPERATIONS, Map.of("first", 5)),
                new Call("deliveryStatus", "gateway-auditor", Audit.DELIVERY_STATUS, Map.of()),
                new Call("operationCount", "gateway-auditor", ConsoleTest.COUNT, Map.of()),
                new Call("deliveryActivity", "gateway-auditor", ConsoleTest.ACTIVITY, Map.of()),
                new Call("retryOperation", "gateway-admin", Audit.RETRY, Map.of("id", UUID.randomUUID().toString()),
                        "OPERATION_NOT_FOUND"),
                new Call("cancelOperation", "gateway-admin", Audit.CANCEL, Map.of("id", UUID.randomUUID().toString()),
                        "OPERATION_NOT_FOUND"),
                new Call("replayFailedOperations", "gateway-admin", Audit.REPLAY,
                        Map.of("filter", Map.of("resource", "customer:cust_nobody"))));
    }

    static List<Caller> refusedCallers() {
        return List.of(
                new Caller("no token", call -> null),
                new Caller("expired", call -> Callers.claims(call.role())
                        .issuedAt(Instant.now().minusSeconds(7_200)).expiresAt(Instant.now().minusSeconds(3_600))
                        .sign(Callers.privateKey())),
                new Caller("not yet valid", call -> Callers.claims(call.role())
                        .claim("nbf", Instant.now().plusSeconds(3_600).getEpochSecond())
                        .expiresAt(Instant.now().plusSeconds(7_200))
                        .sign(Callers.privateKey())),
                new Caller("wrong issuer", call -> Callers.claims(call.role())
                        .issuer("https://login.example.test/somebody-else")
                        .sign(Callers.privateKey())),
                new Caller("wrong signature", call -> Callers.claims(call.role()).sign(Callers.strangersKey())),
                new Caller("alg none", call -> Callers.unsigned()),
                new Caller("malformed", call -> "not.a.token"));
    }

    static Stream<Arguments> unauthenticated() {
        List<Arguments> cases = new ArrayList<>();
        for (Call call : calls()) {
            for (Caller caller : refusedCallers()) {
                cases.add(Arguments.of(call, caller));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with {1} is UNAUTHENTICATED")
    @MethodSource("unauthenticated")
    void aCallWithoutAValidTokenIsRefusedAtTheDoor(Call call, Caller caller) {
        long before = StoredOperations.count(dataSource);

        Response response = send(call, caller.token().apply(call));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        JsonPath body = response.jsonPath();
        assertThat(body.getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
        assertThat(body.getString("data")).isNull();
        assertNothingHappened(before);
    }

    static Stream<Arguments> everyCall() {
        return calls().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0} with a valid token lacking its role is FORBIDDEN")
    @MethodSource("everyCall")
    void aCallerWithoutTheFieldsRoleIsForbidden(Call call) {
        long before = StoredOperations.count(dataSource);
        String[] otherRoles = Stream.of("gateway-writer", "gateway-auditor", "gateway-admin", "kustomer-agent")
                .filter(role -> !role.equals(call.role())).toArray(String[]::new);

        Response response = send(call, Callers.token(otherRoles));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonPath body = response.jsonPath();
        assertThat(body.getList("errors")).hasSize(1);
        assertThat(body.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        assertThat(body.getList("errors[0].path")).containsExactly(call.name());
        assertNothingHappened(before);
    }

    @ParameterizedTest(name = "{0} with its role runs")
    @MethodSource("everyCall")
    void aCallerWithTheFieldsRoleGetsIn(Call call) {
        long before = StoredOperations.count(dataSource);

        Response response = send(call, Callers.token(call.role()));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonPath body = response.jsonPath();
        if (call.codeWhenLetIn() != null) {
            assertThat(body.getString("errors[0].extensions.code")).isEqualTo(call.codeWhenLetIn());
            return;
        }
        assertThat(body.getList("errors")).isNull();
        if (call.role().equals("gateway-writer")) {
            assertThat(body.getString("data." + call.name() + ".operationId")).isNotBlank();
            assertThat(StoredOperations.count(dataSource)).isEqualTo(before + 1);
        } else {
            assertThat(body.getMap("data")).containsKey(call.name());
            assertThat(StoredOperations.count(dataSource)).isEqualTo(before);
        }
    }

    static Stream<Arguments> refusedSubscribers() {
        String strangers = Callers.claims("gateway-auditor").sign(Callers.strangersKey());
        String writer = Callers.token("gateway-writer", "gateway-admin");
        return Stream.of(
                Arguments.of("no token at all", null, null, 4401, "no bearer token"),
                Arguments.of("connectionParams without a token", null, "{\"client\":\"console\"}", 4401,
                        "no bearer token"),
                Arguments.of("a forged token in connectionParams", null, bearerParams(strangers), 4401, "not valid"),
                Arguments.of("a forged token on the upgrade", strangers, null, 4401, "not valid"),
                Arguments.of("an expired token in connectionParams", null, bearerParams(Callers.claims("gateway-auditor")
                        .issuedAt(Instant.now().minusSeconds(7_200)).expiresAt(Instant.now().minusSeconds(3_600))
                        .sign(Callers.privateKey())), 4401, "not valid"),
                Arguments.of("a writer's token in connectionParams", null, bearerParams(writer), 4403,
                        "gateway-auditor"),
                Arguments.of("a writer's token on the upgrade", writer, null, 4403, "gateway-auditor"),
                Arguments.of("a token in both places", Callers.everyRole(), bearerParams(Callers.everyRole()), 4400,
                        "once"));
    }

    @ParameterizedTest(name = "a subscriber with {0} is refused at connection_init")
    @MethodSource("refusedSubscribers")
    void aSubscriberWithoutAValidAuditorsTokenIsClosedAtConnectionInitSayingWhy(String caller, String headerToken,
            String connectionParams, int code, String reason) throws Exception {
        try (GraphQLSocket socket = GraphQLSocket.open(headerToken)) {
            socket.init(connectionParams);

            GraphQLSocket.Closed closed = socket.closed();

            assertThat(closed.code()).isEqualTo(code);
            assertThat(closed.reason()).contains(reason);
            assertThat(socket.receivedNothing()).as("no connection_ack").isTrue();
        }
    }

    @Test
    void aBrowserSubscribesWithItsTokenInConnectionParamsOnly() throws Exception {
        try (GraphQLSocket socket = GraphQLSocket.open(null)) {
            socket.initWithToken(Callers.token("gateway-auditor"));
            assertThat(socket.next().getString("type")).isEqualTo("connection_ack");

            socket.subscribe("1", "subscription { operationUpdates(id: \"" + UUID.randomUUID() + "\") { id status } }");

            JsonPath answer = socket.next();
            assertThat(answer.getString("id")).isEqualTo("1");
            assertThat(answer.getString("payload.errors[0].extensions.code")).isEqualTo("OPERATION_NOT_FOUND");
        }
    }

    @Test
    void aSubscriberWithTheTokenOnTheUpgradeStillGetsIn() throws Exception {
        try (GraphQLSocket socket = GraphQLSocket.open(Callers.token("gateway-auditor"))) {
            socket.init(null);

            assertThat(socket.next().getString("type")).isEqualTo("connection_ack");
        }
    }

    @Test
    void aSubscriptionPastALimitIsRefusedLikeAnHttpCall() throws Exception {
        try (GraphQLSocket socket = GraphQLSocket.open(null)) {
            socket.initWithToken(Callers.everyRole());
            assertThat(socket.next().getString("type")).isEqualTo("connection_ack");

            socket.subscribe("7", "subscription { " + "a { ".repeat(10) + "b" + " }".repeat(11));

            JsonPath answer = socket.next();
            assertThat(answer.getString("type")).isEqualTo("error");
            assertThat(answer.getString("id")).isEqualTo("7");
            assertThat(answer.getString("payload[0].extensions.code")).isEqualTo("QUERY_TOO_DEEP");
        }
    }

    private static String bearerParams(String token) {
        return "{\"Authorization\":\"Bearer " + token + "\"}";
    }

    @Test
    void theSchemaAndHealthNeedNoToken() {
        given().when().get("/graphql/schema.graphql").then().statusCode(200)
                .body(containsString("addNoteToConversation("));
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aBrowserOnAnAllowedOriginMayCall() {
        given().header("Origin", "https://console.example.test")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/graphql")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("https://console.example.test"))
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
    }

    @Test
    void aBrowserOnAnyOtherOriginMayNot() {
        given().header("Origin", "https://evil.example.test")
                .header("Access-Control-Request-Method", "POST")
                .when().options("/graphql")
                .then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example.test").auth().oauth2(Callers.everyRole())
                .contentType(ContentType.JSON).body(Map.of("query", "{ __typename }"))
                .when().post("/graphql")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    private void assertNothingHappened(long operationsBefore) {
        assertThat(StoredOperations.count(dataSource)).as("operations stored").isEqualTo(operationsBefore);
        kustomer.server().verify(0, anyRequestedFor(anyUrl()));
        JsonPath stillThere = GraphQL.run(GraphQL.OPERATION, Map.of("id", UUID.randomUUID().toString()));
        assertThat(stillThere.getList("errors")).as("the service still answers").isNull();
    }

    private static Response send(Call call, String token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", call.query());
        body.put("variables", call.variables());
        RequestSpecification request = given().contentType(ContentType.JSON).body(body);
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.when().post("/graphql").then().extract().response();
    }
}
