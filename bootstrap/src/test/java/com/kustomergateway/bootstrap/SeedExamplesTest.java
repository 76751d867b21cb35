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

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's four example payloads, sent verbatim as GraphQL variables, reach the Kustomer stand-in as the
 * requests Kustomer accepts, and come back delivered with Kustomer's ids.
 */
@QuarkusTest
@QuarkusTestResource(KustomerStandInResource.class)
@QuarkusTestResource(PrivateSchema.class)
class SeedExamplesTest {

    static final String BEARER = "Bearer " + KustomerStandIn.API_KEY;

    @InjectKustomerStandIn
    KustomerStandIn kustomer;

    @BeforeEach
    void kustomerBehavesNormally() {
        kustomer.reset();
    }

    @Test
    void addsTheSeedNoteToItsConversation() {
        JsonPath response = GraphQL.run(GraphQL.ADD_NOTE, """
                {
                "conversationId": "conv_12345abc",
                "noteBody": "Customer showed interest in premium features during this conversation. Recommended upgrade to Pro plan based on their usage patterns and feature requests.",
                "isInternal": true
                }""");

        assertThat(response.getList("errors")).isNull();
        assertThat(response.getBoolean("data.addNoteToConversation.success")).isTrue();
        assertThat(response.getString("data.addNoteToConversation.status")).isEqualTo("DELIVERED");
        assertThat(response.getString("data.addNoteToConversation.noteId")).matches("[0-9a-f]{24}");
        String operationId = response.getString("data.addNoteToConversation.operationId");
        kustomer.server().verify(1, postRequestedFor(urlEqualTo("/v1/conversations/conv_12345abc/notes"))
                .withHeader("Authorization", equalTo(BEARER))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"body": "Customer showed interest in premium features during this conversation. Recommended upgrade to Pro plan based on their usage patterns and feature requests.",
                         "externalId": "kgw-%s"}""".formatted(operationId))));
    }

    @Test
    void createsTheSeedCustomObjectWithTypedAttributes() {
        JsonPath response = GraphQL.run(GraphQL.CREATE_OBJECTS, """
                {
                "klassName": "Customer_Preferences",
                "objects": [
                {
                "title": "John Smith Preferences",
                "customerId": "cust_abc123",
                "data": [
                {
                "key": "preferred_contact_method",
                "value": "email"
                },
                {
                "key": "product_interest_score",
                "value": "8.5"
                },
                {
                "key": "last_interaction_date",
                "value": "2024-01-15"
                },
                {
                "key": "is_premium_customer",
                "value": "true"
                }
                ]
                }
                ],
                "fieldTypes": [
                {
                "key": "preferred_contact_method",
                "value": "str"
                },
                {
                "key": "product_interest_score",
                "value": "num"
                },
                {
                "key": "last_interaction_date",
                "value": "date"
                },
                {
                "key": "is_premium_customer",
                "value": "bool"
                }
                ]
                }""");

        assertThat(response.getList("errors")).isNull();
        assertThat(response.getBoolean("data.createCustomObjects.success")).isTrue();
        assertThat(response.getString("data.createCustomObjects.status")).isEqualTo("DELIVERED");
        assertThat(response.getInt("data.createCustomObjects.createdCount")).isEqualTo(1);
        assertThat(response.getList("data.createCustomObjects.objectIds", String.class))
                .singleElement().asString().matches("[0-9a-f]{24}");
        String operationId = response.getString("data.createCustomObjects.operationId");
        kustomer.server().verify(1, postRequestedFor(urlEqualTo("/v1/klasses/Customer_Preferences"))
                .withHeader("Authorization", equalTo(BEARER))
                .withRequestBody(equalToJson("""
                        {"title": "John Smith Preferences",
                         "externalId": "kgw-%s-0",
                         "customer": "cust_abc123",
                         "custom": {"preferredContactMethodStr": "email",
                                    "productInterestScoreNum": 8.5,
                                    "lastInteractionDateAt": "2024-01-15T00:00:00Z",
                                    "isPremiumCustomerBool": true}}""".formatted(operationId))));
    }

    @Test
    void createsTheSeedKlassAndKeepsItsDescription() {
        JsonPath response = GraphQL.run(GraphQL.CREATE_KLASS, """
                {
                "name": "Purchase_History",
                "displayName": "Customer Purchase History",
                "description": "Tracks customer purchase patterns, preferences, and transaction history for personalization",
                "icon": "shopping-cart"
                }""");

        assertThat(response.getList("errors")).isNull();
        assertThat(response.getBoolean("data.createCustomKlass.success")).isTrue();
        assertThat(response.getString("data.createCustomKlass.status")).isEqualTo("DELIVERED");
        assertThat(response.getString("data.createCustomKlass.klassId")).matches("[0-9a-f]{24}");
        assertThat(response.getString("data.createCustomKlass.name")).isEqualTo("Purchase_History");
        assertThat(response.getString("data.createCustomKlass.note")).contains("no description")
                .contains("the gateway declares them").doesNotContain("Settings");
        kustomer.server().verify(1, postRequestedFor(urlEqualTo("/v1/klasses"))
                .withHeader("Authorization", equalTo(BEARER))
                .withRequestBody(equalToJson("""
                        {"name": "Purchase_History", "displayName": "Customer Purchase History",
                         "icon": "shopping-cart"}""")));
    }

    @Test
    void updatesTheSeedCustomersPersonalizationData() {
        JsonPath response = GraphQL.run(GraphQL.UPDATE_CUSTOMER, """
                {
                "customerId": "cust_abc123",
                "personalizationData": [
                {
                "key": "communication_preference",
                "value": "email_only"
                },
                {
                "key": "preferred_language",
                "value": "spanish"
                },
                {
                "key": "loyalty_tier",
                "value": "gold"
                },
                {
                "key": "last_purchase_category",
                "value": "electronics"
                },
                {
                "key": "support_priority_level",
                "value": "high"
                }
                ]
                }""");

        assertThat(response.getList("errors")).isNull();
        assertThat(response.getBoolean("data.updateCustomerData.success")).isTrue();
        assertThat(response.getString("data.updateCustomerData.status")).isEqualTo("DELIVERED");
        assertThat(response.getString("data.updateCustomerData.customerId")).isEqualTo("cust_abc123");
        kustomer.server().verify(1, patchRequestedFor(urlEqualTo("/v1/customers/cust_abc123"))
                .withHeader("Authorization", equalTo(BEARER))
                .withRequestBody(equalToJson("""
                        {"custom": {"communicationPreferenceStr": "email_only", "preferredLanguageStr": "spanish",
                                    "loyaltyTierStr": "gold", "lastPurchaseCategoryStr": "electronics",
                                    "supportPriorityLevelStr": "high"}}""")));
    }
}
