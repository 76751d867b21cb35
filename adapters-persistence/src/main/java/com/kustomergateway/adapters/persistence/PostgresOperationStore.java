package com.kustomergateway.adapters.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.kustomergateway.domain.operation.DeliveryAttempt;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.IdempotencyKey;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationId;
import com.kustomergateway.domain.operation.TraceContext;
import com.kustomergateway.domain.port.DeliveryJournal;
import com.kustomergateway.domain.port.OperationStore;

import io.quarkus.narayana.jta.QuarkusTransaction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.hibernate.LockMode;
import org.hibernate.StatelessSession;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * The outbox's delivery side, on Hibernate's {@link StatelessSession}: every call is a few statements written out in
 * HQL, with no persistence context to fill, flush or clear. The three statements every operation passes through (the
 * accept, the claim and the settle) are each one SQL statement sent on the datasource's connection: see
 * {@link #ACCEPT}. Each method runs in the caller's transaction when there is one (so an operation is accepted
 * together with whatever the caller writes); otherwise the three commit by themselves and the rest open a short
 * transaction. Timestamps keep Postgres's precision, microseconds; durations are kept in milliseconds.
 */
@ApplicationScoped
@Transactional
public class PostgresOperationStore implements OperationStore {

    /**
     * No conflict target: the idempotency key's unique index is partial, and Postgres infers a partial index only
     * from a target carrying its WHERE. The one other unique column is the application's random id. A conflict
     * waits for the other insert to commit.
     * <p>
     * The accept, the claim and the settle are JDBC statements, one each, with no transaction of their own: one
     * statement commits by itself, so a JTA transaction around it only added its begin and commit, and Hibernate's
     * native queries cost more than the statements they ran. JFR of the benchmark (issue 12): the transaction around
     * the accept held 36% of the accept path's gateway CPU, of which sending the INSERT was 4 points; the claim (a
     * settings statement, then the claim) and the settle (two statements) held 23% and 16% of the relay's, of which
     * Hibernate's query objects and row reading were most.
     */
    private static final String ACCEPT = """
            insert into operation (id, kind, resource_key, status, idempotency_key, payload, accepted_at, updated_at,
                                   failed_attempts, next_attempt_at, remote_ids, last_failure_status,
                                   last_failure_code, last_failure_message, claims, trace_parent, trace_state)
            values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?)
            on conflict do nothing
            """;

    private static final String FIND_BY_KEY = "select * from operation where idempotency_key = ?";

    /**
     * The claim must read only what it claims: the head of the pending index, in seq order. The pending set swings
     * from none to a backlog (an outage, a fresh deployment) faster than autovacuum analyzes the table, and on
     * statistics that say "a few rows" the planner reads every pending row, sorts them and anti-joins each: 83 ms a
     * claim with 12,500 waiting in the benchmark's drain, 47 s for 5,000 on a table analyzed while empty, where the
     * index walk takes 0.2 ms. So while the claim runs, the plans that read everything (a sort, a bitmap scan, a hash
     * join) are switched off, and the walk is the only plan left. A switched-off plan is priced, not removed, and the
     * claim's last sort (of the few rows claimed) then costs enough for Postgres to compile the statement with LLVM
     * each time (420 ms a claim): JIT is switched off with them. The statement is the function of V8, whose own
     * settings those are, so the claim is one statement (it was three round trips: the settings, the claim, the
     * commit); ClaimPlanTest plans it.
     * <p>
     * Only the oldest pending operation of a resource is due, so a resource's operations go out one at a time in
     * acceptance order. An operation is also held back while a later one of its resource is in flight: seq is
     * taken at insert but an operation becomes visible at commit, so a later one may have been claimed before an
     * earlier one's transaction committed. SKIP LOCKED keeps concurrent claimers apart; a row that another claimer
     * changed meanwhile is re-checked by Postgres and dropped, since its lease is no longer expired. FOR NO KEY
     * UPDATE does not hold up the foreign-key checks of attempts being recorded. Statuses are literals, so that the
     * planner can match the partial indexes of V1; the first line of the where clause is the pending index's own
     * predicate, said outright: without it the planner walks the whole seq index from the oldest delivered operation
     * (15 ms a claim with 10,000 delivered, 0.2 ms on the pending index), so claims grew with retention.
     */
    private static final String CLAIM = "select * from claim_due_operations(?, ?, ?, ?)";

    /**
     * The attempt and the state it led to, one statement: the attempt is written only when the update found the
     * operation still leased by the settling instance. The update holds the operation's row lock, so no other
     * attempt can take the same number.
     */
    private static final String SETTLE = """
            with settled as (
                update operation
                set status = ?, failed_attempts = ?, next_attempt_at = ?, remote_ids = cast(? as jsonb),
                    last_failure_status = ?, last_failure_code = ?, last_failure_message = ?, lease_owner = null,
                    lease_until = null, updated_at = ?, journal = cast(? as jsonb)
                where id = ? and status = 'IN_FLIGHT' and lease_owner = ?
                returning id
            )
            insert into delivery_attempt (operation_id, attempt_no, started_at, duration_ms, outcome, http_status,
                                          error_code, error_message, remote_ids, not_before, exchanges, trace_id)
            select settled.id,
                   coalesce((select max(a.attempt_no) from delivery_attempt a where a.operation_id = settled.id), 0)
                       + 1,
                   ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, cast(? as jsonb), ?
            from settled
            """;

    /** Back to waiting, the claim given back, no attempt: the gateway kept the operation from Kustomer. */
    private static final String HOLD = """
            update OperationRow
            set status = :status, nextAttemptAt = :nextAttemptAt, claims = :claims, leaseOwner = null,
                leaseUntil = null, updatedAt = :now
            where id = :id and status = 'IN_FLIGHT' and leaseOwner = :owner
            """;

    /**
     * Renewing extends a lease; releasing sets it to a moment past, so that anyone may claim the operation. The
     * owner stays recorded for the audit until the next claim.
     */
    private static final String MOVE_LEASES = """
            update OperationRow set leaseUntil = :leaseUntil
            where leaseOwner = :owner and status = 'IN_FLIGHT' and id in :ids
            """;

    private static final String READ_JOURNAL = "select journal from OperationRow where id = :id";

    private static final String LEASED_JOURNAL = """
            select journal from OperationRow where id = :id and status = 'IN_FLIGHT' and leaseOwner = :owner
            """;

    private static final String WRITE_JOURNAL = "update OperationRow set journal = :journal where id = :id";

    private static final String ATTEMPTS = "from AttemptRow where operationId = :id order by attemptNo";

    private final StatelessSession session;
    private final DataSource dataSource;
    private final OutboxJson json;
    private final OutboxRows rows;

    public PostgresOperationStore(StatelessSession session, DataSource dataSource, ObjectMapper mapper) {
        this.session = session;
        this.dataSource = dataSource;
        this.json = new OutboxJson(mapper);
        this.rows = new OutboxRows(json);
    }

    /** One INSERT when the operation is new; a SELECT of the stored one only when its key was taken. */
    @Override
    @Transactional(TxType.SUPPORTS)
    public Operation acceptOnce(Operation candidate) {
        // Postgres keeps microseconds: the operation returned is the one a read gives back.
        Operation operation = new Operation(candidate.id(), candidate.change(), candidate.status(),
                candidate.idempotencyKey(), micros(candidate.acceptedAt()), candidate.failedAttempts(),
                candidate.nextAttemptAt().map(PostgresOperationStore::micros), candidate.remoteIds(),
                candidate.lastFailure(), candidate.claims(), candidate.traceContext());
        try (Connection connection = dataSource.getConnection()) {
            int inserted;
            try (PreparedStatement insert = connection.prepareStatement(ACCEPT)) {
                Parameters.of(insert)
                        .uuid(operation.id().value())
                        .text(operation.change().kind().name())
                        .text(operation.change().resource().toString())
                        .text(operation.status().name())
                        .text(operation.idempotencyKey().map(IdempotencyKey::value))
                        .text(json.change(operation.change()))
                        .instant(operation.acceptedAt())
                        .instant(operation.acceptedAt())
                        .integer(operation.failedAttempts())
                        .instant(operation.nextAttemptAt())
                        .text(json.ids(operation.remoteIds()))
                        .failure(operation.lastFailure())
                        .integer(operation.claims())
                        .text(operation.traceContext().map(TraceContext::traceparent))
                        .text(operation.traceContext().flatMap(TraceContext::tracestate));
                inserted = insert.executeUpdate();
            }
            if (inserted == 1) {
                return operation;
            }
            // The conflict waited for the other insert to commit, so this statement's fresh snapshot sees its row.
            IdempotencyKey key = operation.idempotencyKey().orElseThrow(() -> new IllegalStateException(
                    "operation id " + operation.id() + " is taken"));
            try (PreparedStatement find = connection.prepareStatement(FIND_BY_KEY)) {
                Parameters.of(find).text(key.value());
                return operations(find).get(0);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store operation " + operation.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Operation> find(OperationId id) {
        return Optional.ofNullable(session.get(OperationRow.class, id.value())).map(rows::operation);
    }

    @Override
    @Transactional(TxType.SUPPORTS)
    public List<Operation> claimDue(Instant now, String owner, Instant leaseUntil, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            Parameters.of(claim).instant(now).text(owner).instant(leaseUntil).integer(limit);
            // The rows come back as they were written, claimed: status IN_FLIGHT and the claim counted.
            return operations(claim);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim due operations: " + e.getMessage(), e);
        }
    }

    @Override
    @Transactional(TxType.SUPPORTS)
    public boolean settle(Operation next, DeliveryAttempt attempt, String owner) {
        DeliveryOutcome outcome = attempt.outcome();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement settle = connection.prepareStatement(SETTLE)) {
            Parameters.of(settle)
                    .text(next.status().name())
                    .integer(next.failedAttempts())
                    .instant(next.nextAttemptAt())
                    .text(json.ids(next.remoteIds()))
                    .failure(next.lastFailure())
                    .instant(attempt.startedAt().plus(attempt.duration()))
                    .text(OutboxJson.EMPTY_JOURNAL)
                    .uuid(next.id().value())
                    .text(owner)
                    .instant(attempt.startedAt())
                    .bigint(attempt.duration().toMillis())
                    .text(OutboxRows.outcomeName(outcome))
                    .failure(outcome.failureIfAny())
                    .text(outcome instanceof DeliveryOutcome.Delivered delivered
                            ? Optional.of(json.ids(delivered.remoteIds())) : Optional.empty())
                    .instant(notBefore(outcome))
                    .text(json.exchanges(attempt.exchanges()))
                    .text(attempt.traceId());
            return settle.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record an attempt at operation " + next.id() + ": "
                    + e.getMessage(), e);
        }
    }

    private List<Operation> operations(PreparedStatement select) throws SQLException {
        List<Operation> found = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                found.add(rows.operation(OperationRow.read(row)));
            }
        }
        return found;
    }

    @Override
    public boolean hold(Operation held, String owner, Instant now) {
        return session.createMutationQuery(HOLD)
                .setParameter("status", held.status().name())
                .setParameter("nextAttemptAt", held.nextAttemptAt().orElseThrow())
                .setParameter("claims", held.claims())
                .setParameter("now", now)
                .setParameter("id", held.id().value())
                .setParameter("owner", owner)
                .executeUpdate() == 1;
    }

    @Override
    public int renewLeases(String owner, List<OperationId> ids, Instant leaseUntil) {
        return moveLeases(owner, ids, leaseUntil);
    }

    @Override
    public int releaseLeases(String owner, List<OperationId> ids, Instant now) {
        return moveLeases(owner, ids, now.minusMillis(1));
    }

    private int moveLeases(String owner, List<OperationId> ids, Instant leaseUntil) {
        if (ids.isEmpty()) {
            return 0;
        }
        return session.createMutationQuery(MOVE_LEASES)
                .setParameter("leaseUntil", leaseUntil)
                .setParameter("owner", owner)
                .setParameterList("ids", ids.stream().map(OperationId::value).toList())
                .executeUpdate();
    }

    /**
     * Each read and write is a transaction of its own unless the caller has one, committed at once: the journal must
     * hold what was done in Kustomer even if this process dies a moment later. (The journal is called on this bean's
     * own object, past its transactional proxy, so it opens the transaction itself.)
     */
    @Override
    public DeliveryJournal journal(OperationId id, String owner) {
        UUID operation = id.value();
        return new DeliveryJournal() {
            @Override
            public Optional<String> read(String entry) {
                return QuarkusTransaction.joiningExisting().call(() -> session
                        .createSelectionQuery(READ_JOURNAL, String.class)
                        .setParameter("id", operation)
                        .getResultStream().findFirst()
                        .flatMap(journal -> json.journalEntry(journal, entry)));
            }

            /** The row lock makes the read and the write one change, as a single UPDATE would. */
            @Override
            public void write(String entry, String value) {
                QuarkusTransaction.joiningExisting().run(() -> {
                    String journal = session.createSelectionQuery(LEASED_JOURNAL, String.class)
                            .setParameter("id", operation)
                            .setParameter("owner", owner)
                            .setHibernateLockMode(LockMode.PESSIMISTIC_WRITE)
                            .getResultStream().findFirst()
                            .orElseThrow(() -> new IllegalStateException(
                                    "operation " + id + " is no longer leased by " + owner));
                    session.createMutationQuery(WRITE_JOURNAL)
                            .setParameter("journal", json.withJournalEntry(journal, entry, value))
                            .setParameter("id", operation)
                            .executeUpdate();
                });
            }
        };
    }

    @Override
    public List<DeliveryAttempt> attempts(OperationId id) {
        return session.createSelectionQuery(ATTEMPTS, AttemptRow.class)
                .setParameter("id", id.value())
                .getResultList().stream().map(rows::attempt).toList();
    }

    private static Optional<Instant> notBefore(DeliveryOutcome outcome) {
        if (outcome instanceof DeliveryOutcome.Transient failed) {
            return failed.notBefore();
        }
        if (outcome instanceof DeliveryOutcome.RateLimited limited) {
            return Optional.of(limited.until());
        }
        return Optional.empty();
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
