package com.kustomergateway.adapters.persistence;

import static com.kustomergateway.testing.Changes.customerData;
import static com.kustomergateway.testing.Changes.note;
import static com.kustomergateway.testing.Changes.unique;
import static com.kustomergateway.testing.OperationBuilder.anOperation;
import static org.assertj.core.api.Assertions.assertThat;

import com.kustomergateway.domain.attribute.AttributeName;
import com.kustomergateway.domain.attribute.AttributeOwner;
import com.kustomergateway.domain.change.Change;
import com.kustomergateway.domain.change.ChangeKind;
import com.kustomergateway.domain.klass.KlassName;
import com.kustomergateway.domain.operation.ActivityMinute;
import com.kustomergateway.domain.operation.CappedCount;
import com.kustomergateway.domain.operation.DeliveryAttempt;
import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.KustomerExchange;
import com.kustomergateway.domain.operation.ListingPosition;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationFilter;
import com.kustomergateway.domain.operation.OperationId;
import com.kustomergateway.domain.operation.OperationStatus;
import com.kustomergateway.domain.operation.StatusCount;
import com.kustomergateway.domain.port.DeclaredAttributes;
import com.kustomergateway.domain.port.OperationCorrections;
import com.kustomergateway.domain.port.OperationHistory;
import com.kustomergateway.domain.port.OperationRetention;
import com.kustomergateway.domain.port.OperationStore;
import com.kustomergateway.testing.OperationBuilder;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

@QuarkusTest
@TestProfile(PersistenceTestProfile.class)
@WithTestResource(PrivateSchema.class)
class AuditAndMaintenanceTest {

    private static final Instant T0 = Instant.parse("2030-01-01T09:00:00.123456Z");
    private static final DeliveryFailure REFUSED = DeliveryFailure.http(400, "bad_request", "title is required");

    @Inject
    OperationStore store;

    @Inject
    OperationHistory history;

    @Inject
    OperationCorrections corrections;

    @Inject
    OperationRetention retention;

    @Inject
    DeclaredAttributes declaredAttributes;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void emptyTheOutbox() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM operation");
            statement.execute("DELETE FROM declared_attribute");
        }
    }

    @Test
    void pagesThroughEveryOperationNewestFirstWithoutGapsOrRepeats() {
        List<Operation> stored = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // Every third shares its acceptance time with the one before: the id breaks the tie.
            stored.add(store(queued(note(unique("conv")), T0.plusSeconds(i - i % 3))));
        }

        List<Operation> seen = new ArrayList<>();
        Optional<ListingPosition> after = Optional.empty();
        List<Operation> page;
        do {
            page = history.newestFirst(OperationFilter.ALL, after, 7);
            seen.addAll(page);
            after = page.isEmpty() ? after : Optional.of(ListingPosition.of(page.get(page.size() - 1)));
        } while (page.size() == 7);

        assertThat(seen).extracting(Operation::id).containsExactlyElementsOf(stored.stream()
                .sorted(Comparator.comparing(Operation::acceptedAt)
                        // Postgres orders uuids by their bytes, as their text sorts (Java's UUID compares signed).
                        .thenComparing(operation -> operation.id().toString()).reversed())
                .map(Operation::id).toList());
    }

    @Test
    void aPositionStaysValidWhileNewerOperationsArrive() {
        Operation older = store(queued(note(unique("conv")), T0));
        Operation newer = store(queued(note(unique("conv")), T0.plusSeconds(1)));
        List<Operation> first = history.newestFirst(OperationFilter.ALL, Optional.empty(), 1);

        store(queued(note(unique("conv")), T0.plusSeconds(2)));

        assertThat(first).extracting(Operation::id).containsExactly(newer.id());
        assertThat(history.newestFirst(OperationFilter.ALL, Optional.of(ListingPosition.of(first.get(0))), 10))
                .extracting(Operation::id).containsExactly(older.id());
    }

    @Test
    void filtersByKindStatusResourceAndAcceptanceRange() {
        String customer = unique("cust");
        Operation update = store(queued(customerData(customer), T0));
        Operation failedUpdate = store(failed(customerData(customer), T0.plusSeconds(10)));
        Operation note = store(failed(note(unique("conv")), T0.plusSeconds(20)));

        assertThat(list(new OperationFilter(Optional.of(ChangeKind.UPDATE_CUSTOMER_DATA), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()))).containsExactly(failedUpdate.id(), update.id());
        assertThat(list(OperationFilter.ALL.withStatus(OperationStatus.FAILED)))
                .containsExactly(note.id(), failedUpdate.id());
        assertThat(list(new OperationFilter(Optional.empty(), Optional.empty(),
                Optional.of(update.change().resource()), Optional.empty(), Optional.empty())))
                .containsExactly(failedUpdate.id(), update.id());
        assertThat(list(new OperationFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(T0.plusSeconds(10)), Optional.of(T0.plusSeconds(20)))))
                .containsExactly(failedUpdate.id());
        assertThat(list(new OperationFilter(Optional.of(ChangeKind.UPDATE_CUSTOMER_DATA),
                Optional.of(OperationStatus.FAILED), Optional.empty(), Optional.empty(), Optional.empty())))
                .containsExactly(failedUpdate.id());
    }

    @Test
    void readsTheAttemptsOfManyOperationsAtOnce() {
        Operation tried = store(queued(note(unique("conv")), T0));
        Operation untried = store(queued(note(unique("conv")), T0));
        Operation claimed = store.claimDue(T0, "relay-a", T0.plusSeconds(30), 10).stream()
                .filter(operation -> operation.id().equals(tried.id())).findFirst().orElseThrow();
        KustomerExchange exchange = new KustomerExchange(T0, Duration.ofMillis(12), "POST", "/v1/x",
                Optional.of("{\"body\":\"hi\"}"), Optional.of(201), Optional.of("{}"));
        DeliveryOutcome delivered = new DeliveryOutcome.Delivered(List.of("abc"));
        store.settle(claimed.settle(delivered, null, T0), new DeliveryAttempt(tried.id(), T0, Duration.ofMillis(12),
                delivered, List.of(exchange), Optional.empty()), "relay-a");

        var attempts = history.attempts(List.of(tried.id(), untried.id()));

        assertThat(attempts.get(tried.id())).singleElement()
                .satisfies(attempt -> assertThat(attempt.exchanges()).containsExactly(exchange));
        assertThat(attempts.get(untried.id())).isEmpty();
    }

    @Test
    void countsEachStatusUpToTheCap() {
        for (int i = 0; i < 3; i++) {
            store(failed(note(unique("conv")), T0));
        }
        store(queued(note(unique("conv")), T0));

        List<StatusCount> counts = history.countsUpTo(2);

        assertThat(counts).contains(new StatusCount(OperationStatus.FAILED, 2, false),
                new StatusCount(OperationStatus.QUEUED, 1, true),
                new StatusCount(OperationStatus.DELIVERED, 0, true));
        assertThat(counts).hasSize(OperationStatus.values().length);
    }

    @Test
    void countsWhatAFilterSelectsUpToTheCap() {
        String customer = unique("cust");
        for (int i = 0; i < 3; i++) {
            store(failed(customerData(customer), T0.plusSeconds(i)));
        }
        store(queued(customerData(customer), T0));
        store(failed(note(unique("conv")), T0));
        OperationFilter failedOfCustomer = new OperationFilter(Optional.empty(), Optional.of(OperationStatus.FAILED),
                Optional.of(customerData(customer).resource()), Optional.empty(), Optional.empty());

        assertThat(history.countUpTo(failedOfCustomer, 10)).isEqualTo(new CappedCount(3, true));
        assertThat(history.countUpTo(failedOfCustomer, 3)).isEqualTo(new CappedCount(3, true));
        assertThat(history.countUpTo(failedOfCustomer, 2)).isEqualTo(new CappedCount(2, false));
        assertThat(history.countUpTo(OperationFilter.ALL, 100)).isEqualTo(new CappedCount(5, true));
    }

    @Test
    void countsAcceptancesAndSettlementsPerMinuteByWhenTheyHappened() throws SQLException {
        Instant minute = T0.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        store(queued(note(unique("conv")), minute.plusSeconds(5)));
        store(queued(note(unique("conv")), minute.plusSeconds(59)));
        Operation delivered = store(queued(note(unique("conv")), minute.plusSeconds(70)));
        Operation failed = store(failed(note(unique("conv")), minute.plusSeconds(75)));
        store(queued(note(unique("conv")), minute.plusSeconds(600)));
        settledAt(delivered, "DELIVERED", minute.plusSeconds(130));
        settledAt(failed, "FAILED", minute.plusSeconds(179));

        List<ActivityMinute> activity = history.activity(minute, minute.plusSeconds(300));

        assertThat(activity).containsExactly(
                new ActivityMinute(minute, 2, 0, 0),
                new ActivityMinute(minute.plusSeconds(60), 2, 0, 0),
                new ActivityMinute(minute.plusSeconds(120), 0, 1, 1));
    }

    @Test
    void knowsTheOldestOperationStillOwedToKustomerAndHowManyAre() {
        assertThat(history.oldestPendingAcceptedAt()).isEmpty();
        store(failed(note(unique("conv")), T0));
        store(queued(note(unique("conv")), T0.plusSeconds(5)));
        store(queued(note(unique("conv")), T0.plusSeconds(9)));

        assertThat(history.oldestPendingAcceptedAt()).contains(T0.plusSeconds(5));
        assertThat(history.pendingCount()).isEqualTo(2);
    }

    @Test
    void aCorrectionIsWrittenOnlyWhileTheStatusIsStillTheExpectedOne() {
        Operation failed = store(failed(note(unique("conv")), T0));
        Operation retried = failed.retried(T0.plusSeconds(60));

        assertThat(corrections.replace(retried, OperationStatus.FAILED)).isTrue();
        assertThat(corrections.replace(retried, OperationStatus.FAILED)).isFalse();
        assertThat(store.find(failed.id())).contains(retried);
    }

    @Test
    void correctsManyAndSaysWhichWereWritten() {
        Operation stillFailed = store(failed(note(unique("conv")), T0));
        Operation alreadyQueued = store(queued(note(unique("conv")), T0));
        Operation pretendFailed = OperationBuilder.from(alreadyQueued).failed(1, REFUSED).claims(1).build();

        List<Operation> written = corrections.replaceAll(List.of(stillFailed.retried(T0), pretendFailed.retried(T0)),
                OperationStatus.FAILED);

        assertThat(written).extracting(Operation::id).containsExactly(stillFailed.id());
    }

    @Test
    void purgesOnlyTheGivenStatusesAcceptedBeforeTheCutoffInBatches() throws SQLException {
        Operation oldDelivered = store(settled(OperationStatus.DELIVERED, T0));
        Operation oldCancelled = store(settled(OperationStatus.CANCELLED, T0.plusSeconds(1)));
        Operation oldFailed = store(failed(note(unique("conv")), T0));
        Operation oldQueued = store(queued(note(unique("conv")), T0));
        Operation recentDelivered = store(settled(OperationStatus.DELIVERED, T0.plusSeconds(100)));
        Set<OperationStatus> purgeable = Set.of(OperationStatus.DELIVERED, OperationStatus.CANCELLED);

        assertThat(retention.purge(purgeable, T0.plusSeconds(50), 1)).isEqualTo(1);
        assertThat(retention.purge(purgeable, T0.plusSeconds(50), 1)).isEqualTo(1);
        assertThat(retention.purge(purgeable, T0.plusSeconds(50), 1)).isZero();

        assertThat(store.find(oldDelivered.id())).isEmpty();
        assertThat(store.find(oldCancelled.id())).isEmpty();
        assertThat(store.find(oldFailed.id())).isPresent();
        assertThat(store.find(oldQueued.id())).isPresent();
        assertThat(store.find(recentDelivered.id())).isPresent();
        assertThat(rows("SELECT count(*) FROM operation")).isEqualTo(3);
    }

    @Test
    void remembersDeclaredAttributesPerOwnerOnce() {
        AttributeOwner klass = AttributeOwner.klass(new KlassName(unique("Klass")));
        AttributeName tier = new AttributeName("tierStr");
        AttributeName points = new AttributeName("pointsNum");

        declaredAttributes.record(klass, List.of(tier));
        declaredAttributes.record(klass, List.of(tier, points));
        declaredAttributes.record(AttributeOwner.CUSTOMER, List.of(points));

        assertThat(declaredAttributes.of(klass)).containsExactlyInAnyOrder(tier, points);
        assertThat(declaredAttributes.of(AttributeOwner.CUSTOMER)).containsExactly(points);
        assertThat(declaredAttributes.of(AttributeOwner.klass(new KlassName(unique("Other"))))).isEmpty();
    }

    @Test
    void keepsTheCustomersAttributesApartFromAKlassCalledCustomer() {
        declaredAttributes.record(AttributeOwner.CUSTOMER, List.of(new AttributeName("tierStr")));

        assertThat(declaredAttributes.of(AttributeOwner.klass(new KlassName("customer")))).isEmpty();
    }

    private List<OperationId> list(OperationFilter filter) {
        return history.newestFirst(filter, Optional.empty(), 100).stream().map(Operation::id).toList();
    }

    private Operation store(Operation operation) {
        return store.acceptOnce(operation);
    }

    private static Operation queued(Change change, Instant acceptedAt) {
        return anOperation(change).acceptedAt(acceptedAt).build();
    }

    private static Operation failed(Change change, Instant acceptedAt) {
        return anOperation(change).acceptedAt(acceptedAt).failed(1, REFUSED).claims(1).build();
    }

    private static Operation settled(OperationStatus status, Instant acceptedAt) {
        return anOperation(note(unique("conv"))).acceptedAt(acceptedAt).status(status).claims(1).build();
    }

    /** As the relay's settlement would leave it: the status, and updated_at when that happened. */
    private void settledAt(Operation operation, String status, Instant at) throws SQLException {
        try (Connection connection = dataSource.getConnection(); var update = connection.prepareStatement(
                "UPDATE operation SET status = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ?")) {
            update.setString(1, status);
            update.setObject(2, java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
            update.setObject(3, operation.id().value());
            update.executeUpdate();
        }
    }

    private long rows(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
