package com.kustomergateway.bootstrap.faults;

import com.kustomergateway.bootstrap.GraphQL;
import com.kustomergateway.testing.GatewayProcess;

import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Postgres going away under load (every connection dropped, new ones refused, as in a restart): mutations meanwhile
 * get DATABASE_UNAVAILABLE, nothing acknowledged is lost, and the gateway recovers by itself.
 */
class DatabaseOutageIT extends FaultTest {

    @Test
    void theGatewayRecoversFromADatabaseRestartWithoutLosingAcknowledgedWrites() throws Exception {
        try (TcpProxy database = new TcpProxy(outbox.postgresHostAndPort().split(":")[0],
                Integer.parseInt(outbox.postgresHostAndPort().split(":")[1]))) {
            GatewayProcess gateway = gateway("db-outage")
                    .with("QUARKUS_DATASOURCE_JDBC_URL", outbox.jdbcUrl("127.0.0.1:" + database.port()))
                    .with("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "1s")
                    .start();
            List<String> acknowledged = new ArrayList<>();
            List<String> refusedCodes = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                if (i == 50) {
                    database.cut();
                }
                if (i == 70) {
                    database.restore();
                }
                JsonPath response = gateway.graphql(GraphQL.UPDATE_CUSTOMER, Map.of("customerId", "cust_db_" + i,
                        "personalizationData", List.of(Map.of("key", "tier", "value", "gold"))));
                String id = response.getString("data.updateCustomerData.operationId");
                if (id != null) {
                    acknowledged.add(id);
                } else {
                    refusedCodes.add(response.getString("errors[0].extensions.code"));
                    assertThat(response.prettify()).doesNotContain("Exception", "at com.", "at java.");
                }
            }

            assertThat(refusedCodes).isNotEmpty().containsOnly("DATABASE_UNAVAILABLE");
            assertThat(acknowledged.size()).isGreaterThanOrEqualTo(100);
            JsonPath after = gateway.graphql(GraphQL.ADD_NOTE, Map.of("conversationId", "conv_db_after",
                    "noteBody", "recovered", "isInternal", true));
            assertThat(after.getString("data.addNoteToConversation.operationId")).isNotNull();
            acknowledged.add(after.getString("data.addNoteToConversation.operationId"));
            awaitAllDelivered(acknowledged.size(), Duration.ofMinutes(1));
            for (String id : acknowledged) {
                assertThat(outbox.status(id)).isEqualTo("DELIVERED");
            }
            assertThat(gateway.isAlive()).isTrue();
            report("database outage: mutations=121 acknowledged=" + acknowledged.size() + " refused="
                    + refusedCodes.size() + " (DATABASE_UNAVAILABLE) lost=0 restarts=0");
        }
    }
}
