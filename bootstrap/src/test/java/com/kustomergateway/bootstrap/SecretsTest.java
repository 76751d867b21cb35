package com.kustomergateway.bootstrap;

import com.kustomergateway.adapters.kustomer.standin.InjectKustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandInResource;
import com.kustomergateway.adapters.persistence.PrivateSchema;
import com.kustomergateway.testing.Callers;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kustomer API key never leaves the gateway's memory except towards Kustomer. A full run (the four changes,
 * Kustomer failing every way it can, refused callers and input) is made with every log the gateway and its REST
 * client can write switched on, down to TRACE and request-response logging; then the logs, every response, the
 * health and metrics endpoints and every text column of the database are searched for the key.
 */
@QuarkusTest
@TestProfile(SecretsTest.EverythingLogged.class)
@QuarkusTestResource(KustomerStandInResource.class)
@QuarkusTestResource(PrivateSchema.class)
@QuarkusTestResource(Callers.class)
class SecretsTest {

    public static class EverythingLogged implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String[] settings = {
                    "quarkus.log.min-level", "TRACE",
                    // Captured by the test's own handler; the build's console needs none of it.
                    "quarkus.log.console.level", "WARN",
                    "quarkus.log.category.\"com.kustomergateway\".level", "TRACE",
                    "quarkus.log.category.\"org.jboss.resteasy.reactive.client.logging\".level", "TRACE",
                    "quarkus.log.category.\"io.quarkus.rest.client\".level", "TRACE",
                    "quarkus.log.category.\"io.smallrye.graphql\".level", "TRACE",
                    "quarkus.log.category.\"io.smallrye.jwt\".level", "TRACE",
                    "quarkus.rest-client.logging.scope", "request-response",
                    "quarkus.rest-client.logging.body-limit", "100000",
                    "quarkus.smallrye-graphql.log-payload", "queryAndVariables",
                    "gateway.relay.credentials-recheck", "1s"};
            Map<String, String> overrides = new LinkedHashMap<>();
            for (int i = 0; i < settings.length; i += 2) {
                overrides.put(settings[i], settings[i + 1]);
            }
            return overrides;
        }
    }

    @InjectKustomerStandIn
    KustomerStandIn kustomer;

    @Inject
    DataSource dataSource;

    @Test
    void theApiKeyAppearsInNoLogResponseMetricOrRow() throws SQLException {
        kustomer.reset();
        Capture logs = new Capture();
        Logger root = Logger.getLogger("");
        root.addHandler(logs);
        List<String> responses = new ArrayList<>();
        try {
            fullRun(responses);
        } finally {
            root.removeHandler(logs);
        }

        assertThat(logs.text()).as("something was logged at DEBUG or below, so the search means something")
                .contains("Request: POST").contains("conv_secret");
        assertThat(logs.text()).as("logs").doesNotContain(KustomerStandIn.API_KEY);
        assertThat(responses).as("responses").isNotEmpty()
                .allSatisfy(body -> assertThat(body).doesNotContain(KustomerStandIn.API_KEY));
        String rows = everyTextInTheDatabase();
        assertThat(rows).as("the database was searched").contains("conv_secret");
        assertThat(rows).as("database").doesNotContain(KustomerStandIn.API_KEY);
    }

    private void fullRun(List<String> responses) {
        responses.add(GraphQL.run(GraphQL.ADD_NOTE, Map.of("conversationId", "conv_secret", "noteBody", "n",
                "isInternal", true)).prettify());
        responses.add(GraphQL.run(GraphQL.CREATE_KLASS, Map.of("name", "Secret_Klass", "displayName", "Secret",
                "description", "d", "icon", "")).prettify());
        responses.add(GraphQL.run(GraphQL.CREATE_OBJECTS, Map.of("klassName", "Secret_Klass",
                "objects", List.of(Map.of("title", "a", "customerId", "", "data", List.of()),
                        Map.of("title", "b", "customerId", "", "data", List.of())),
                "fieldTypes", List.of())).prettify());
        responses.add(GraphQL.run(GraphQL.UPDATE_CUSTOMER, Map.of("customerId", "cust_secret",
                "personalizationData", List.of(Map.of("key", "tier", "value", "gold")))).prettify());
        // Kustomer refuses, then fails, then refuses the key itself.
        kustomer.server().stubFor(patch(urlEqualTo("/v1/customers/cust_refused")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"code\":\"bad_request\",\"message\":\"no\"}]}")));
        responses.add(GraphQL.run(GraphQL.UPDATE_CUSTOMER, Map.of("customerId", "cust_refused",
                "personalizationData", List.of(Map.of("key", "tier", "value", "gold")))).prettify());
        kustomer.server().stubFor(post(urlEqualTo("/v1/conversations/conv_down/notes")).atPriority(1)
                .willReturn(aResponse().withStatus(503).withBody("down")));
        responses.add(GraphQL.run(GraphQL.ADD_NOTE, Map.of("conversationId", "conv_down", "noteBody", "n",
                "isInternal", true)).prettify());
        kustomer.server().stubFor(post(urlEqualTo("/v1/conversations/conv_locked/notes")).atPriority(1)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"status\":401,\"code\":\"unauthorized\",\"title\":\"Unauthorized\"}]}")));
        String locked = GraphQL.run(GraphQL.ADD_NOTE, Map.of("conversationId", "conv_locked", "noteBody", "n",
                "isInternal", true)).getString("data.addNoteToConversation.operationId");
        // Invalid input, and callers refused at the door and by role.
        responses.add(GraphQL.run(GraphQL.ADD_NOTE, Map.of("conversationId", "conv 1", "noteBody", "",
                "isInternal", false)).prettify());
        responses.add(given().contentType(ContentType.JSON).body(Map.of("query", "{ __typename }"))
                .post("/graphql").asString());
        responses.add(given().auth().oauth2(Callers.token("gateway-auditor")).contentType(ContentType.JSON)
                .body(Map.of("query", GraphQL.ADD_NOTE, "variables", Map.of("conversationId", "c", "noteBody", "n",
                        "isInternal", true))).post("/graphql").asString());
        // What operators read back: every operation with its attempts and exchanges, once they have happened.
        await().atMost(Duration.ofSeconds(15)).until(() -> kustomer.server().getAllServeEvents().stream()
                .anyMatch(e -> e.getRequest().getUrl().equals("/v1/conversations/conv_down/notes")));
        for (String id : operationIds()) {
            responses.add(GraphQL.run(GraphQL.OPERATION, Map.of("id", id)).prettify());
        }
        responses.add(GraphQL.run(GraphQL.OPERATION, Map.of("id", locked)).prettify());
        for (String path : List.of("/q/health", "/q/health/ready", "/graphql/schema.graphql", "/q/metrics")) {
            Response response = given().get(path);
            responses.add(path + " " + response.statusCode() + " " + response.asString());
        }
    }

    private List<String> operationIds() {
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select id from operation")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return ids;
    }

    /** Every value of every text-like column of this run's schema, as text. */
    private String everyTextInTheDatabase() throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("select table_name, column_name from information_schema.columns "
                    + "where table_schema = current_schema() "
                    + "and data_type in ('text', 'character varying', 'character', 'json', 'jsonb')")) {
                while (rows.next()) {
                    columns.add(new String[] {rows.getString(1), rows.getString(2)});
                }
            }
            assertThat(columns).as("text columns found").isNotEmpty();
            for (String[] column : columns) {
                try (ResultSet rows = statement.executeQuery(
                        "select " + column[1] + "::text from \"" + column[0] + "\"")) {
                    while (rows.next()) {
                        text.append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        return text.toString();
    }

    /** Every record the JVM's log manager passes on, formatted as a handler would, with its stack trace. */
    static final class Capture extends Handler {
        private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

        Capture() {
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            StringWriter stack = new StringWriter();
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(stack));
            }
            lines.add(record.getLoggerName() + " " + record.getLevel() + " " + message + " " + stack);
        }

        String text() {
            return String.join("\n", lines);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
