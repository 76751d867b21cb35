package com.kustomergateway.adapters.persistence;

import static com.kustomergateway.testing.Changes.note;
import static com.kustomergateway.testing.Changes.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.kustomergateway.domain.operation.IdempotencyKey;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationId;
import com.kustomergateway.domain.port.OperationStore;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the outbox's two statements that matter most become in SQL: Hibernate writes them, and a change of mapping,
 * dialect or version must not quietly lose the clause that makes each correct under concurrency.
 */
@QuarkusTest
@TestProfile(PersistenceTestProfile.class)
@WithTestResource(PrivateSchema.class)
class EmittedSqlTest {

    private static final Instant T0 = Instant.parse("2030-01-01T09:00:00.123456Z");

    @Inject
    OperationStore store;

    @Inject
    @PersistenceUnitExtension
    EmittedSql emitted;

    @Test
    void theAcceptIsOneInsertThatLeavesATakenKeyAlone() {
        Operation operation = Operation.accept(OperationId.random(), note(unique("conv")),
                Optional.of(new IdempotencyKey(unique("key"))), T0);

        List<String> sql = emitted.of(() -> QuarkusTransaction.requiringNew().run(() -> store.acceptOnce(operation)));

        assertThat(sql).hasSize(1);
        assertThat(sql.get(0)).startsWithIgnoringCase("insert into operation")
                .containsIgnoringCase("on conflict do nothing");
    }

    @Test
    void theClaimSkipsRowsAnotherClaimerHasLocked() {
        store.acceptOnce(Operation.accept(OperationId.random(), note(unique("conv")), Optional.empty(), T0));

        List<String> sql = emitted.of(() -> store.claimDue(T0, "relay-a", T0.plusSeconds(30), 10));

        // One statement: the due rows locked, leased and returned. Postgres's row lock for writing anything but a
        // key; claimers take the same one, so they skip each other's.
        assertThat(sql).hasSize(1);
        assertThat(sql.get(0)).startsWithIgnoringCase("with due as")
                .containsPattern("(?i)for no key update of o skip locked")
                .containsPattern("(?i)update operation\\s+set status = 'IN_FLIGHT'")
                .containsIgnoringCase("returning operation.*");
    }
}
