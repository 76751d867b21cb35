package com.kustomergateway.adapters.kustomer;

import com.kustomergateway.adapters.kustomer.standin.InjectKustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandInResource;
import com.kustomergateway.application.pacing.RateGate;
import com.kustomergateway.domain.attribute.AttributeName;
import com.kustomergateway.domain.attribute.AttributeOwner;
import com.kustomergateway.domain.attribute.KeyValue;
import com.kustomergateway.domain.change.UpdateCustomerData;
import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.KustomerExchange;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.port.DeliveryCoordination;
import com.kustomergateway.domain.port.DeliveryJournal;
import com.kustomergateway.domain.port.KustomerPort.Delivery;
import com.kustomergateway.testing.InMemoryDeliveryCoordination;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static com.kustomergateway.testing.OperationBuilder.anOperation;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A customer's personalization attributes are declared on the customer through the API before the update that
 * first writes them, once, unless Kustomer has them already: the same rule as custom objects' attributes.
 */
@QuarkusTest
@TestProfile(AdapterTestProfile.class)
@QuarkusTestResource(KustomerStandInResource.class)
class DeclaringCustomerAttributesTest {

    private static final String METADATA = "/v1/metadata/customer";
    private static final AttributeName LOYALTY_TIER = new AttributeName("loyaltyTierStr");
    private static final AttributeName PREFERRED_LANGUAGE = new AttributeName("preferredLanguageStr");

    @Inject
    InMemoryDeclaredAttributes declaredAttributes;

    @Inject
    RateGate rateGate;

    @Inject
    @RestClient
    KustomerApi api;

    @InjectKustomerStandIn
    KustomerStandIn standIn;

    /** A gateway of its own: one that has not met any of these attributes yet. */
    private KustomerDeliveryAdapter kustomer;

    @BeforeEach
    void aGatewayThatDeclaredNothingYet() {
        standIn.reset();
        declaredAttributes.forget();
        kustomer = adapter(rateGate, true);
    }

    @Test
    void declaresTheNewAttributesWithDisplayNamesAndThenUpdatesTheCustomer() {
        Delivery delivery = kustomer.deliver(update("cust_abc123"), DeliveryJournal.inMemory());

        assertThat(delivery.outcome()).isEqualTo(new DeliveryOutcome.Delivered(List.of("cust_abc123")));
        assertThat(delivery.exchanges()).extracting(KustomerExchange::method, KustomerExchange::path,
                KustomerExchange::status).containsExactly(
                tuple("GET", METADATA, Optional.of(200)),
                tuple("PUT", METADATA, Optional.of(200)),
                tuple("PATCH", "/v1/customers/cust_abc123", Optional.of(200)));
        standIn.server().verify(1, putRequestedFor(urlEqualTo(METADATA)).withRequestBody(equalToJson("""
                {"properties": {"loyaltyTierStr": {"displayName": "Loyalty Tier"},
                                "preferredLanguageStr": {"displayName": "Preferred Language"}}}""")));
        assertThat(standIn.metadata("customer").orElseThrow().path("preferredLanguageStr").path("displayName")
                .asText()).isEqualTo("Preferred Language");
        assertThat(declaredAttributes.of(AttributeOwner.CUSTOMER))
                .containsExactlyInAnyOrder(LOYALTY_TIER, PREFERRED_LANGUAGE);
    }

    @Test
    void aSecondUpdateWithTheSameKeysDeclaresNothing() {
        kustomer.deliver(update("cust_abc123"), DeliveryJournal.inMemory());

        Delivery second = kustomer.deliver(update("cust_def456"), DeliveryJournal.inMemory());

        assertThat(second.exchanges()).extracting(KustomerExchange::method, KustomerExchange::path)
                .containsExactly(tuple("PATCH", "/v1/customers/cust_def456"));
        standIn.server().verify(1, getRequestedFor(urlEqualTo(METADATA)));
        standIn.server().verify(1, putRequestedFor(urlEqualTo(METADATA)));
    }

    @Test
    void aRestartedGatewayDeclaresNothingItRecordedBeforeWithoutAskingKustomer() {
        kustomer.deliver(update("cust_abc123"), DeliveryJournal.inMemory());

        Delivery afterRestart = adapter(rateGate, true).deliver(update("cust_def456"), DeliveryJournal.inMemory());

        assertThat(afterRestart.exchanges()).extracting(KustomerExchange::method).containsExactly("PATCH");
    }

    @Test
    void declaresOnlyTheKeysNotDeclaredBefore() {
        kustomer.deliver(anOperation(UpdateCustomerData.of("cust_abc123",
                List.of(new KeyValue("loyalty_tier", "gold")))).build(), DeliveryJournal.inMemory());

        kustomer.deliver(update("cust_abc123"), DeliveryJournal.inMemory());

        standIn.server().verify(2, putRequestedFor(urlEqualTo(METADATA)));
        standIn.server().verify(1, putRequestedFor(urlEqualTo(METADATA)).withRequestBody(equalToJson(
                "{\"properties\": {\"preferredLanguageStr\": {\"displayName\": \"Preferred Language\"}}}")));
    }

    @Test
    void keepsTheDisplayNamesTheOrgGaveItsOwnCustomerAttributes() {
        standIn.defineAttribute("customer", "loyaltyTierStr", "Loyalty Level");

        Delivery delivery = kustomer.deliver(update("cust_abc123"), DeliveryJournal.inMemory());

        assertThat(delivery.outcome()).isInstanceOf(DeliveryOutcome.Delivered.class);
        standIn.server().verify(1, putRequestedFor(urlEqualTo(METADATA)).withRequestBody(equalToJson(
                "{\"properties\": {\"preferredLanguageStr\": {\"displayName\": \"Preferred Language\"}}}")));
        assertThat(standIn.metadata("customer").orElseThrow().path("loyaltyTierStr").path("displayName").asText())
                .isEqualTo("Loyalty Level");
        assertThat(declaredAttributes.of(AttributeOwner.CUSTOMER))
                .containsExactlyInAnyOrder(LOYALTY_TIER, PREFERRED_LANGUAGE);
    }

    @Test
    void declaresNothingWhenKustomerHasEveryAttributeAlready() {
        standIn.defineAttribute("customer", "loyaltyTierStr", "Loyalty Level");
        standIn.defineAttribute("customer", "preferredLanguageStr", "Language");

        Delivery delivery = kustomer.deliver(update("cust_abc123"), DeliveryJournal.inMemory());

        assertThat(delivery.exchanges()).extracting(KustomerExchange::method)
                .containsExactly("GET", "PATCH");
        assertThat(declaredAttributes.of(AttributeOwner.CUSTOMER))
                .containsExactlyInAnyOrder(LOYALTY_TIER, PREFERRED_LANGUAGE);
    }

    @Test
    void sendsOnlyTheUpdateWhenDeclaringIsTurnedOff() {
        Delivery delivery = adapter(rateGate, false).deliver(update("cust_abc123"), DeliveryJournal.inMemory());

        assertThat(delivery.outcome()).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(delivery.exchanges()).extracting(KustomerExchange::method, KustomerExchange::path)
                .containsExactly(tuple("PATCH", "/v1/customers/cust_abc123"));
        standIn.server().verify(0, anyRequestedFor(urlPathMatching("/v1/metadata/.*")));
        assertThat(declaredAttributes.of(AttributeOwner.CUSTOMER)).isEmpty();
    }

    @Test
    void aKeyWithoutTheMetadataRolesPausesDeliveryLikeAnyRefusedKey() {
        standIn.server().stubFor(get(urlEqualTo(METADATA)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"code\":\"forbidden\",\"message\":\"Missing role org.permission.metadata.read\"}]}")));

        Delivery delivery = kustomer.deliver(update("cust_abc123"), DeliveryJournal.inMemory());

        assertThat(delivery.outcome()).isEqualTo(new DeliveryOutcome.CredentialsRejected(
                DeliveryFailure.http(403, "forbidden", "Missing role org.permission.metadata.read")));
        standIn.server().verify(0, patchRequestedFor(urlPathMatching(".*")));
        assertThat(declaredAttributes.of(AttributeOwner.CUSTOMER)).isEmpty();
    }

    @Test
    void aRefusedDeclarationFailsTheUpdateWithKustomersReasonBeforeThePatch() {
        standIn.server().stubFor(put(urlEqualTo(METADATA)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"code\":\"bad_request\",\"message\":\"too many custom attributes\"}]}")));

        Delivery delivery = kustomer.deliver(update("cust_abc123"), DeliveryJournal.inMemory());

        assertThat(delivery.outcome()).isEqualTo(new DeliveryOutcome.Rejected(
                DeliveryFailure.http(400, "bad_request", "too many custom attributes")));
        assertThat(delivery.exchanges()).extracting(KustomerExchange::method, KustomerExchange::status)
                .containsExactly(tuple("GET", Optional.of(200)), tuple("PUT", Optional.of(400)));
        standIn.server().verify(0, patchRequestedFor(urlPathMatching(".*")));
        assertThat(declaredAttributes.of(AttributeOwner.CUSTOMER)).isEmpty();
    }

    @Test
    void anUnreadableMetadataAnswerIsTriedAgainRatherThanTakenAsNoAttributes() {
        standIn.server().stubFor(get(urlEqualTo(METADATA)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html>maintenance</html>")));

        Delivery delivery = kustomer.deliver(update("cust_abc123"), DeliveryJournal.inMemory());

        assertThat(delivery.outcome()).isInstanceOfSatisfying(DeliveryOutcome.Transient.class, retried ->
                assertThat(retried.failure().code()).isEqualTo("unexpected_response"));
        standIn.server().verify(0, putRequestedFor(urlPathMatching(".*")));
        standIn.server().verify(0, patchRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void theMetadataRequestsArePacedByTheRateGateLikeAnyOther() {
        // A gate of its own: the pause this test causes must not hold up the other tests' shared one.
        InMemoryDeliveryCoordination ownPacing = new InMemoryDeliveryCoordination(Clock.systemUTC());
        RateGate ownGate = TestSettings.ownRateGate(ownPacing);
        Instant reset = Instant.ofEpochSecond(Instant.now().getEpochSecond() + 60);
        standIn.server().stubFor(get(urlEqualTo(METADATA)).willReturn(aResponse().withStatus(429)
                .withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", Long.toString(reset.getEpochSecond()))
                .withBody("{\"errors\":[{\"code\":\"rate_limited\",\"message\":\"Too many requests\"}]}")));

        Delivery delivery = adapter(ownGate, true).deliver(update("cust_abc123"), DeliveryJournal.inMemory());
        DeliveryOutcome outcome = delivery.outcome();

        assertThat(outcome).isEqualTo(new DeliveryOutcome.RateLimited(
                DeliveryFailure.http(429, "rate_limited", "Too many requests"), reset));
        // The adapter reports the 429; the application acts on the answer, in one place, for every request.
        ownGate.heed(delivery, "the test's operation");
        assertThat(ownPacing.state(Instant.now(), Duration.ofMinutes(1), Duration.ofMinutes(1)).rateLimit()
                .map(DeliveryCoordination.Pause::until)).contains(reset);
        standIn.server().verify(0, patchRequestedFor(urlPathMatching(".*")));
    }

    private KustomerDeliveryAdapter adapter(RateGate gate, boolean declareAttributes) {
        return new KustomerDeliveryAdapter(api, TestSettings.withKey(KustomerStandIn.API_KEY), gate,
                new AttributeDeclarations(declaredAttributes, TestSettings.Calls.declaring(declareAttributes)),
                TestSettings.Calls.declaring(declareAttributes), Clock.systemUTC());
    }

    private static Operation update(String customer) {
        return anOperation(UpdateCustomerData.of(customer, List.of(
                new KeyValue("loyalty_tier", "gold"), new KeyValue("preferred_language", "fr")))).build();
    }
}
