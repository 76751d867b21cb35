package com.kustomergateway.application.submit;

import com.kustomergateway.application.deliver.DeliveryEvents;
import com.kustomergateway.application.deliver.DeliveryRelay;
import com.kustomergateway.application.deliver.InMemoryOperationStore;
import com.kustomergateway.application.deliver.OperationTraces;
import com.kustomergateway.application.deliver.RelaySettings;
import com.kustomergateway.application.deliver.ScriptedKustomer;
import com.kustomergateway.application.deliver.TestRelay;
import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.InvalidInputException;
import com.kustomergateway.domain.change.AddNote;
import com.kustomergateway.domain.operation.IdempotencyKey;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationStatus;

import com.kustomergateway.testing.InMemoryDeliveryCoordination;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubmitChangeTest {

    final InMemoryOperationStore store = new InMemoryOperationStore();
    final ScriptedKustomer kustomer = new ScriptedKustomer();
    final InMemoryDeliveryCoordination pacing = new InMemoryDeliveryCoordination(Clock.systemUTC());
    final TestRelay wired = TestRelay.of(store, kustomer, pacing, new RelaySettings(true, 2, Duration.ofSeconds(5),
            Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(2)), TestRelay.GENEROUS,
            DeliveryEvents.NONE);
    final DeliveryRelay relay = wired.relay();
    final SubmitChange submitChange = new SubmitChange(new OperationIntake(store), relay, wired.waiting(), store,
            Clock.systemUTC(), new SubmitSettings(Duration.ofMillis(500)), DeliveryEvents.NONE, OperationTraces.OFF);

    @AfterEach
    void stop() {
        kustomer.releaseDeliveries();
        relay.stop();
    }

    @Test
    void answersWithKustomersIdWhenDeliveryFinishesInTheWindow() {
        relay.start();
        Operation operation = submitChange.submit(AddNote.of("conv_1", "hello", true), Optional.empty());
        assertThat(operation.status()).isEqualTo(OperationStatus.DELIVERED);
        assertThat(operation.remoteIds()).containsExactly("id-1");
    }

    @Test
    void answersInFlightWhenKustomerIsSlowerThanTheWindow() {
        kustomer.holdDeliveries();
        relay.start();
        Operation operation = submitChange.submit(AddNote.of("conv_1", "hello", true), Optional.empty());
        assertThat(operation.status()).isEqualTo(OperationStatus.IN_FLIGHT);
        assertThat(operation.remoteIds()).isEmpty();
        assertThat(store.find(operation.id())).isPresent();
    }

    @Test
    void answersQueuedWhenNoRelayTookItWithinTheWindow() {
        Operation operation = submitChange.submit(AddNote.of("conv_1", "hello", true), Optional.empty());
        assertThat(operation.status()).isEqualTo(OperationStatus.QUEUED);
        assertThat(operation.remoteIds()).isEmpty();
        assertThat(store.find(operation.id()).orElseThrow().status()).isEqualTo(OperationStatus.QUEUED);
        assertThat(kustomer.received()).isEmpty();
    }

    @Test
    void theSameKeyAndChangeReturnTheFirstOperation() {
        relay.start();
        Optional<IdempotencyKey> key = Optional.of(new IdempotencyKey("note-42"));
        Operation first = submitChange.submit(AddNote.of("conv_1", "hello", true), key);
        Operation again = submitChange.submit(AddNote.of("conv_1", "hello", true), key);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(store.all()).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherChangeIsRefused() {
        relay.start();
        Optional<IdempotencyKey> key = Optional.of(new IdempotencyKey("note-43"));
        submitChange.submit(AddNote.of("conv_1", "hello", true), key);
        assertThatThrownBy(() -> submitChange.submit(AddNote.of("conv_1", "goodbye", true), key))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code())
                .isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED);
        assertThat(store.all()).hasSize(1);
    }
}
