package com.kustomergateway.application.pacing;

import com.kustomergateway.domain.attribute.KeyValue;
import com.kustomergateway.domain.change.CreateCustomObjects;
import com.kustomergateway.domain.change.UpdateCustomerData;
import com.kustomergateway.domain.customobject.CustomObjectDraft;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationId;

import com.kustomergateway.testing.InMemoryDeliveryCoordination;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerCreationLimitTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    final CustomerCreationLimit limit = new CustomerCreationLimit(
            new PacingSettings(60_000, Duration.ofMinutes(1), 120, Duration.ofMinutes(1)),
            new InMemoryDeliveryCoordination(Clock.systemUTC()));

    static Operation objectsFor(String customer, int count) {
        List<CustomObjectDraft> drafts = Collections.nCopies(count, new CustomObjectDraft("t", customer, List.of()));
        return Operation.accept(OperationId.random(), CreateCustomObjects.of("K", drafts, List.of()), Optional.empty(),
                T0);
    }

    @Test
    void aCustomerReceivesAtMost120ObjectsAMinute() {
        assertThat(limit.reserve(objectsFor("cust_a", 100), T0)).isEmpty();
        assertThat(limit.reserve(objectsFor("cust_a", 20), T0.plusSeconds(10))).isEmpty();

        assertThat(limit.reserve(objectsFor("cust_a", 1), T0.plusSeconds(20))).contains(T0.plusSeconds(60));
        assertThat(limit.reserve(objectsFor("cust_a", 1), T0.plusSeconds(60))).isEmpty();
    }

    @Test
    void roomComesBackAWindowAfterTheCreationsWereSentNotAfterTheyWereReserved() {
        Operation first = objectsFor("cust_a", 120);
        assertThat(limit.reserve(first, T0)).isEmpty();
        limit.sent(first, T0.plusSeconds(5));

        assertThat(limit.reserve(objectsFor("cust_a", 1), T0.plusSeconds(61))).contains(T0.plusSeconds(65));
    }

    @Test
    void customersHaveTheirOwnWindows() {
        assertThat(limit.reserve(objectsFor("cust_a", 120), T0)).isEmpty();
        assertThat(limit.reserve(objectsFor("cust_b", 120), T0)).isEmpty();
    }

    @Test
    void aDeferredOperationTakesNothingFromTheWindow() {
        limit.reserve(objectsFor("cust_a", 110), T0);
        assertThat(limit.reserve(objectsFor("cust_a", 20), T0.plusSeconds(1))).contains(T0.plusSeconds(60));
        assertThat(limit.reserve(objectsFor("cust_a", 10), T0.plusSeconds(2))).isEmpty();
    }

    @Test
    void updatesCreateNothing() {
        Operation update = Operation.accept(OperationId.random(),
                UpdateCustomerData.of("cust_a", List.of(new KeyValue("a", "b"))), Optional.empty(), T0);
        limit.reserve(objectsFor("cust_a", 120), T0);
        assertThat(limit.reserve(update, T0)).isEmpty();
    }
}
