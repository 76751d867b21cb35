package com.kustomergateway.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.kustomergateway.domain.attribute.AttributeName;
import com.kustomergateway.domain.attribute.AttributeValue;
import com.kustomergateway.domain.change.Change;
import com.kustomergateway.domain.change.CreateCustomObjects;
import com.kustomergateway.domain.change.UpdateCustomerData;
import com.kustomergateway.domain.operation.KustomerExchange;
import com.kustomergateway.testing.Changes;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

class OutboxJsonTest {

    private final OutboxJson json = new OutboxJson(new ObjectMapper());

    @Test
    void everyKindOfChangeReadsBackEqual() {
        for (Change change : Changes.everyKind()) {
            assertThat(json.toChange(json.change(change))).isEqualTo(change);
        }
    }

    @Test
    void numbersKeepTheirScaleAndDatesTheirNanoseconds() {
        CreateCustomObjects change = Changes.objects("loyalty");

        var attributes = ((CreateCustomObjects) json.toChange(json.change(change))).objects().get(0).attributes()
                .values();

        assertThat(attributes.get(new AttributeName("balanceNum")))
                .isEqualTo(new AttributeValue.NumberValue(new BigDecimal("1.20")));
        assertThat(attributes.get(new AttributeName("pointsNum")))
                .isEqualTo(new AttributeValue.NumberValue(new BigDecimal("8.5")));
        assertThat(attributes.get(new AttributeName("bigNum")))
                .isEqualTo(new AttributeValue.NumberValue(new BigDecimal("1.2e3")));
        assertThat(attributes.get(new AttributeName("renewsAt")))
                .isEqualTo(new AttributeValue.DateTimeValue(Instant.parse("2025-01-15T07:30:00.123456789Z")));
    }

    @Test
    void attributesKeepTheCallersOrder() {
        UpdateCustomerData change = Changes.customerData("cust_abc123");

        var read = (UpdateCustomerData) json.toChange(json.change(change));

        assertThat(read.attributes().values().keySet()).map(AttributeName::value).containsExactly(
                "preferredContactMethodStr", "lifetimeValueNum", "loyaltyTierStr", "vipBool", "lastInteractionDateAt");
    }

    @Test
    void exchangesReadBackEqualWithAndWithoutBodiesAndStatus() {
        List<KustomerExchange> exchanges = List.of(
                new KustomerExchange(Instant.parse("2030-01-01T09:00:00.123456Z"), Duration.ofMillis(412), "POST",
                        "/v1/conversations/conv_12345abc/notes", Optional.of("{\"body\":\"hi\"}"), Optional.of(201),
                        Optional.of("{\"data\":{\"id\":\"n1\"}}")),
                new KustomerExchange(Instant.parse("2030-01-01T09:00:01Z"), Duration.ofMillis(30_000), "GET",
                        "/v1/klasses/loyalty", Optional.empty(), Optional.empty(), Optional.empty()));

        assertThat(json.toExchanges(json.exchanges(exchanges))).isEqualTo(exchanges);
    }

    @Test
    void remoteIdsKeepTheirOrder() {
        assertThat(json.toIds(json.ids(List.of("b2", "a1", "c3")))).containsExactly("b2", "a1", "c3");
        assertThat(json.toIds(json.ids(List.of()))).isEmpty();
    }
}
