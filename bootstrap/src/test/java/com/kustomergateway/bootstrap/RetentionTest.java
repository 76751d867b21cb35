package com.kustomergateway.bootstrap;

import com.kustomergateway.adapters.kustomer.standin.InjectKustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandIn;
import com.kustomergateway.adapters.kustomer.standin.KustomerStandInResource;
import com.kustomergateway.adapters.persistence.PrivateSchema;
import com.kustomergateway.application.retain.Retention;
import com.kustomergateway.domain.port.OperationRetention;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import static com.kustomergateway.bootstrap.DeliveryOutcomesTest.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

/** Old delivered and cancelled operations are forgotten, when the owner switches retention on; failed ones stay. */
@QuarkusTest
@QuarkusTestResource(KustomerStandInResource.class)
@QuarkusTestResource(PrivateSchema.class)
class RetentionTest {

    private static final Duration MAX_AGE = Duration.ofDays(30);

    @InjectKustomerStandIn
    KustomerStandIn kustomer;

    @Inject
    Retention configured;

    @Inject
    OperationRetention port;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void kustomerBehavesNormally() {
        kustomer.reset();
    }

    @Test
    void isOffByDefault() {
        assertThat(configured.isEnabled()).isFalse();
    }

    @Test
    void purgesOldDeliveredAndCancelledOperationsInBatchesAndKeepsFailedAndRecentOnes() throws SQLException {
        List<String> oldDelivered = List.of(delivered(), delivered(), delivered());
        String oldCancelled = cancelled();
        String oldFailed = failed();
        String recentDelivered = delivered();
        age(oldDelivered.get(0), oldDelivered.get(1), oldDelivered.get(2), oldCancelled, oldFailed);
        Retention retention = new Retention(port, Clock.systemUTC(),
                new Retention.Settings(true, MAX_AGE, 2, Duration.ofHours(1)));

        long purged = retention.purgeExpired();

        assertThat(purged).isGreaterThanOrEqualTo(4);
        for (String id : oldDelivered) {
            assertThat(exists(id)).isFalse();
        }
        assertThat(exists(oldCancelled)).isFalse();
        assertThat(exists(oldFailed)).isTrue();
        assertThat(exists(recentDelivered)).isTrue();
        assertThat(attemptsOf(oldDelivered.get(0))).isZero();
    }

    private String delivered() {
        String id = Audit.addNote(Audit.conversation());
        awaitStatus(id, "DELIVERED");
        return id;
    }

    private String cancelled() {
        String conversation = Audit.conversation();
        Audit.postponeNotesOn(kustomer, conversation);
        String id = Audit.addNote(conversation);
        awaitStatus(id, "RETRYING");
        GraphQL.run(Audit.CANCEL, Map.of("id", id));
        return id;
    }

    private String failed() {
        String conversation = Audit.conversation();
        Audit.refuseNotesOn(kustomer, conversation);
        String id = Audit.addNote(conversation);
        awaitStatus(id, "FAILED");
        return id;
    }

    /** As if accepted longer ago than the retention keeps. */
    private void age(String... ids) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "UPDATE operation SET accepted_at = accepted_at - interval '31 days' WHERE id = ?")) {
            for (String id : ids) {
                update.setObject(1, UUID.fromString(id));
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
        }
    }

    private boolean exists(String id) throws SQLException {
        return count("SELECT count(*) FROM operation WHERE id = ?", id) == 1;
    }

    private long attemptsOf(String id) throws SQLException {
        return count("SELECT count(*) FROM delivery_attempt WHERE operation_id = ?", id);
    }

    private long count(String sql, String id) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, UUID.fromString(id));
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
