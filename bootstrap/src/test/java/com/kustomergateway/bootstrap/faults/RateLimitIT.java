package com.kustomergateway.bootstrap.faults;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.kustomergateway.bootstrap.GraphQL;
import com.kustomergateway.testing.GatewayProcess;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/** The relay spends Kustomer's budget as it is announced, without 429s, and stops everything after one. */
class RateLimitIT extends FaultTest {

    static final int LIMIT = 100;
    static final Duration WINDOW = Duration.ofSeconds(5);

    @Test
    void usesNearlyAllOfTheBudgetWithoutA429() throws Exception {
        kustomer.enforceBudget(LIMIT, WINDOW);
        GatewayProcess gateway = gateway("budget").start();
        int operations = 350;
        for (int i = 0; i < operations; i++) {
            gateway.graphql(GraphQL.UPDATE_CUSTOMER, Map.of("customerId", "cust_budget_" + (i % 50),
                    "personalizationData", List.of(Map.of("key", "visits_num", "value", Integer.toString(i)))));
        }
        awaitAllDelivered(operations, Duration.ofMinutes(2));

        List<Instant> served = kustomer.server().findAll(anyRequestedFor(anyUrl())).stream()
                .map(request -> request.getLoggedDate().toInstant()).sorted().toList();
        double seconds = Duration.between(served.get(0), served.get(served.size() - 1)).toMillis() / 1000.0;
        double budgetPerSecond = LIMIT / (double) WINDOW.toSeconds();
        double used = (served.size() - 1) / seconds / budgetPerSecond;
        report(String.format("rate limit: requests=%d in %.1f s, budget %d per %d s, used %.0f%% of it, 429s=%d",
                served.size(), seconds, LIMIT, WINDOW.toSeconds(), used * 100, kustomer.rateLimitedAnswers()));
        assertThat(kustomer.rateLimitedAnswers()).isZero();
        assertThat(used).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void anUnexpected429PausesAllDeliveryUntilTheReset() throws Exception {
        // The reset is counted from a started gateway: a slow start must not leave it in the past before the 429.
        GatewayProcess gateway = gateway("unexpected-429").with("GATEWAY_RELAY_CONCURRENCY", "1").start();
        long resetSecond = Instant.now().getEpochSecond() + 10;
        kustomer.server().stubFor(patch(urlPathMatching("/v1/customers/.*")).atPriority(1)
                .inScenario("limited").whenScenarioStateIs(STARTED).willSetStateTo("spent")
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withHeader("x-ratelimit-remaining", "0")
                        .withHeader("x-ratelimit-reset", Long.toString(resetSecond))
                        .withBody("{\"errors\":[{\"code\":\"too_many_requests\",\"message\":\"Rate limit exceeded\"}]}")));

        String first = gateway.graphql(GraphQL.UPDATE_CUSTOMER, Map.of("customerId", "cust_429",
                "personalizationData", List.of(Map.of("key", "tier", "value", "gold"))))
                .getString("data.updateCustomerData.operationId");
        // Before its PATCH, the update declares its new attribute (GET and PUT /v1/metadata/customer).
        awaitTrue(() -> kustomer.server().findAll(patchRequestedFor(urlPathMatching("/v1/customers/.*"))).size() >= 1,
                Duration.ofSeconds(30), () -> "the PATCH never came");
        for (int i = 0; i < 20; i++) {
            gateway.graphql(GraphQL.ADD_NOTE, Map.of("conversationId", "conv_429_" + i, "noteBody", "wait",
                    "isInternal", true));
        }
        awaitAllDelivered(21, Duration.ofMinutes(1));

        List<LoggedRequest> requests = kustomer.server().findAll(anyRequestedFor(anyUrl()));
        Instant reset = Instant.ofEpochSecond(resetSecond);
        int limited = requests.stream().map(request -> request.getMethod().getName()).toList().indexOf("PATCH");
        assertThat(requests.get(limited).getLoggedDate().toInstant()).as("the 429 came before its reset")
                .isBefore(reset);
        assertThat(requests.subList(limited + 1, requests.size()))
                .as("nothing is sent before the reset Kustomer named")
                .allSatisfy(request -> assertThat(request.getLoggedDate().toInstant()).isAfterOrEqualTo(reset));
        assertThat(outbox.count("id = '" + first + "' AND failed_attempts = 0")).isEqualTo(1);
        report("unexpected 429: requests before reset after the 429 = 0, retries spent = 0");
    }
}
