package com.kustomergateway.adapters.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.kustomergateway.domain.operation.DeliveryAttempt;
import com.kustomergateway.domain.operation.DeliveryFailure;
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

import org.hibernate.LockMode;
import org.hibernate.StatelessSession;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox's delivery side, on Hibernate's {@link StatelessSession}: every call is a few statements written out in
 * HQL (the accept, the settle and the attempt in native SQL, for the reason INSERT_ATTEMPT gives), with no
 * persistence context to fill, flush or clear, so the accept, the claim and the settle cost what their SQL costs.
 * Each method runs in the caller's transaction when there is one (so an operation is accepted together with
 * whatever the caller writes) and in a short one of its own otherwise. Timestamps keep Postgres's precision,
 * microseconds; durations are kept in milliseconds.
 */
@ApplicationScoped
@Transactional
public class PostgresOperationStore implements OperationStore {

    /**
     * No conflict target: the idempotency key's unique index is partial, and Postgres infers a partial index only
     * from a target carrying its WHERE. The one other unique column is the application's random id. A conflict
     * waits for the other insert to commit. Native for the reason INSERT_ATTEMPT gives: as HQL, its translation on
     * every execution was most of the accept path's store time (JFR of bench's accept path, issue 12).
     */
    private static final String ACCEPT = """
            insert into operation (id, kind, resource_key, status, idempotency_key, payload, accepted_at, updated_at,
                                   failed_attempts, next_attempt_at, remote_ids, last_failure_status,
                                   last_failure_code, last_failure_message, claims, trace_parent, trace_state)
            values (:id, :kind, :resourceKey, :status, :idempotencyKey, cast(:payload as jsonb), :acceptedAt,
                    :acceptedAt, :failedAttempts, :nextAttemptAt, cast(:remoteIds as jsonb), :lastFailureStatus,
                    :lastFailureCode, :lastFailureMessage, :claims, :traceParent, :traceState)
            on conflict do nothing
            """;

    private static final String FIND_BY_KEY = "from OperationRow where idempotencyKey = :key";

    /**
     * The claim must read only what it claims: the head of the pending index, in seq order. The pending set swings
     * from none to a backlog (an outage, a fresh deployment) faster than autovacuum analyzes the table, and on
     * statistics that say "a few rows" the planner reads every pending row, sorts them and anti-joins each: 83 ms a
     * claim with 12,500 waiting in the benchmark's drain, 47 s for 5,000 on a table analyzed while empty, where the
     * index walk takes 0.2 ms. So for the claim's transaction the plans that read everything (a sort, a bitmap scan,
     * a hash join) are switched off, and the walk is the only plan left. A switched-off plan is priced, not removed,
     * and the claim's last sort (of the few rows claimed) then costs enough for Postgres to compile the statement
     * with LLVM each time (420 ms a claim): JIT is switched off with them.
     */
    static final String CLAIM_PLAN = "select set_config('enable_sort', 'off', true), "
            + "set_config('enable_bitmapscan', 'off', true), set_config('enable_hashjoin', 'off', true), "
            + "set_config('jit', 'off', true)";

    /**
     * Only the oldest pending operation of a resource is due, so a resource's operations go out one at a time in
     * acceptance order. An operation is also held back while a later one of its resource is in flight: seq is
     * taken at insert but an operation becomes visible at commit, so a later one may have been claimed before an
     * earlier one's transaction committed. SKIP LOCKED keeps concurrent claimers apart; a row that another claimer
     * changed meanwhile is re-checked by Postgres and dropped, since its lease is no longer expired. FOR NO KEY
     * UPDATE (Hibernate's PESSIMISTIC_WRITE on Postgres) does not hold up the foreign-key checks of attempts being
     * recorded. Statuses are literals, so that the planner can match the partial indexes of V1; the first line of
     * the where clause is the pending index's own predicate, said outright: without it the planner walks the whole seq
     * index from the oldest delivered operation (15 ms a claim with 10,000 delivered, 0.2 ms on the pending index),
     * so claims grew with retention. It runs after {@link #CLAIM_PLAN}, and EmittedSqlTest plans it.
     * <p>
     * Native, one statement: HQL has no UPDATE … RETURNING, and the claim as HQL (a locking select, then an update)
     * cost the relay 16–23% more gateway CPU and 28–33% more Postgres CPU per delivery than this statement did on
     * JDBC, with 11–19% fewer deliveries a second (bench/RESULTS.md, issue 11).
     */
    static final String CLAIM = """
            with due as (
                select o.id
                from operation o
                where o.status in ('QUEUED', 'IN_FLIGHT', 'RETRYING')
                  and ((o.status in ('QUEUED', 'RETRYING') and o.next_attempt_at <= :now)
                       or (o.status = 'IN_FLIGHT' and o.lease_until < :now))
                  and not exists (
                      select 1
                      from operation p
                      where p.resource_key = o.resource_key
                        and p.id <> o.id
                        and p.status in ('QUEUED', 'IN_FLIGHT', 'RETRYING')
                        and (p.seq < o.seq or p.status = 'IN_FLIGHT'))
                order by o.seq
                limit :limit
                for no key update of o skip locked
            ), claimed as (
                update operation
                set status = 'IN_FLIGHT', lease_owner = :owner, lease_until = :leaseUntil, updated_at = :now,
                    claims = claims + 1
                from due
                where operation.id = due.id
                returning operation.*
            )
            select * from claimed order by seq
            """;

    /** Native for the reason INSERT_ATTEMPT gives. */
    private static final String SETTLE = """
            update operation
            set status = :status, failed_attempts = :failedAttempts, next_attempt_at = :nextAttemptAt,
                remote_ids = cast(:remoteIds as jsonb), last_failure_status = :lastFailureStatus,
                last_failure_code = :lastFailureCode, last_failure_message = :lastFailureMessage, lease_owner = null,
                lease_until = null, updated_at = :settledAt, journal = cast(:emptyJournal as jsonb)
            where id = :id and status = 'IN_FLIGHT' and lease_owner = :owner
            """;

    /** Back to waiting, the claim given back, no attempt: the gateway kept the operation from Kustomer. */
    private static final String HOLD = """
            update OperationRow
            set status = :status, nextAttemptAt = :nextAttemptAt, claims = :claims, leaseOwner = null,
                leaseUntil = null, updatedAt = :now
            where id = :id and status = 'IN_FLIGHT' and leaseOwner = :owner
            """;

    /**
     * The settling UPDATE holds the operation's row lock, so no other attempt can take the same number. Native: HQL
     * lacks a cached plan for insert, update and delete (Hibernate 7.2 translates each anew on every execution), and
     * this INSERT … SELECT's translation was the relay's costliest part (JFR of bench's relay scenario, issue 11).
     */
    private static final String INSERT_ATTEMPT = """
            insert into delivery_attempt (operation_id, attempt_no, started_at, duration_ms, outcome, http_status,
                                          error_code, error_message, remote_ids, not_before, exchanges, trace_id)
            select :operationId, coalesce(max(a.attempt_no), 0) + 1, :startedAt, :durationMs, :outcome, :httpStatus,
                   :errorCode, :errorMessage, cast(:remoteIds as jsonb), :notBefore, cast(:exchanges as jsonb),
                   :traceId
            from delivery_attempt a
            where a.operation_id = :operationId
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
    private final OutboxJson json;
    private final OutboxRows rows;

    public PostgresOperationStore(StatelessSession session, ObjectMapper mapper) {
        this.session = session;
        this.json = new OutboxJson(mapper);
        this.rows = new OutboxRows(json);
    }

    /** One INSERT when the operation is new; a SELECT of the stored one only when its key was taken. */
    @Override
    public Operation acceptOnce(Operation candidate) {
        // Postgres keeps microseconds: the operation returned is the one a read gives back.
        Operation operation = new Operation(candidate.id(), candidate.change(), candidate.status(),
                candidate.idempotencyKey(), micros(candidate.acceptedAt()), candidate.failedAttempts(),
                candidate.nextAttemptAt().map(PostgresOperationStore::micros), candidate.remoteIds(),
                candidate.lastFailure(), candidate.claims(), candidate.traceContext());
        Optional<DeliveryFailure> lastFailure = operation.lastFailure();
        int inserted = session.createNativeMutationQuery(ACCEPT)
                .setParameter("id", operation.id().value(), UUID.class)
                .setParameter("kind", operation.change().kind().name(), String.class)
                .setParameter("resourceKey", operation.change().resource().toString(), String.class)
                .setParameter("status", operation.status().name(), String.class)
                .setParameter("idempotencyKey", operation.idempotencyKey().map(IdempotencyKey::value).orElse(null),
                        String.class)
                .setParameter("payload", json.change(operation.change()), String.class)
                .setParameter("acceptedAt", operation.acceptedAt(), Instant.class)
                .setParameter("failedAttempts", operation.failedAttempts(), Integer.class)
                .setParameter("nextAttemptAt", operation.nextAttemptAt().orElse(null), Instant.class)
                .setParameter("remoteIds", json.ids(operation.remoteIds()), String.class)
                .setParameter("lastFailureStatus", lastFailure.flatMap(DeliveryFailure::httpStatus).orElse(null),
                        Integer.class)
                .setParameter("lastFailureCode", lastFailure.map(DeliveryFailure::code).orElse(null), String.class)
                .setParameter("lastFailureMessage", lastFailure.map(DeliveryFailure::message).orElse(null),
                        String.class)
                .setParameter("claims", operation.claims(), Integer.class)
                .setParameter("traceParent", operation.traceContext().map(TraceContext::traceparent).orElse(null),
                        String.class)
                .setParameter("traceState", operation.traceContext().flatMap(TraceContext::tracestate).orElse(null),
                        String.class)
                .executeUpdate();
        if (inserted == 1) {
            return operation;
        }
        // The conflict waited for the other insert to commit, so this statement's fresh snapshot sees its row.
        IdempotencyKey key = operation.idempotencyKey().orElseThrow(() -> new IllegalStateException(
                "operation id " + operation.id() + " is taken"));
        return rows.operation(session.createSelectionQuery(FIND_BY_KEY, OperationRow.class)
                .setParameter("key", key.value())
                .getSingleResult());
    }

    @Override
    public Optional<Operation> find(OperationId id) {
        return Optional.ofNullable(session.get(OperationRow.class, id.value())).map(rows::operation);
    }

    @Override
    public List<Operation> claimDue(Instant now, String owner, Instant leaseUntil, int limit) {
        session.createNativeQuery(CLAIM_PLAN, Object[].class).getSingleResult();
        List<OperationRow> claimed = session.createNativeQuery(CLAIM, OperationRow.class)
                .setParameter("now", now, Instant.class)
                .setParameter("limit", limit, Integer.class)
                .setParameter("owner", owner, String.class)
                .setParameter("leaseUntil", leaseUntil, Instant.class)
                .getResultList();
        // The rows come back as they were written, claimed: status IN_FLIGHT and the claim counted.
        return claimed.stream().map(rows::operation).toList();
    }

    @Override
    public boolean settle(Operation next, DeliveryAttempt attempt, String owner) {
        Optional<DeliveryFailure> lastFailure = next.lastFailure();
        int settled = session.createNativeMutationQuery(SETTLE)
                .setParameter("status", next.status().name(), String.class)
                .setParameter("failedAttempts", next.failedAttempts(), Integer.class)
                .setParameter("nextAttemptAt", next.nextAttemptAt().orElse(null), Instant.class)
                .setParameter("remoteIds", json.ids(next.remoteIds()), String.class)
                .setParameter("lastFailureStatus", lastFailure.flatMap(DeliveryFailure::httpStatus).orElse(null),
                        Integer.class)
                .setParameter("lastFailureCode", lastFailure.map(DeliveryFailure::code).orElse(null), String.class)
                .setParameter("lastFailureMessage", lastFailure.map(DeliveryFailure::message).orElse(null),
                        String.class)
                .setParameter("settledAt", attempt.startedAt().plus(attempt.duration()), Instant.class)
                .setParameter("emptyJournal", OutboxJson.EMPTY_JOURNAL, String.class)
                .setParameter("id", next.id().value(), UUID.class)
                .setParameter("owner", owner, String.class)
                .executeUpdate();
        if (settled == 0) {
            return false;
        }
        DeliveryOutcome outcome = attempt.outcome();
        Optional<DeliveryFailure> attemptFailure = outcome.failureIfAny();
        session.createNativeMutationQuery(INSERT_ATTEMPT)
                .setParameter("operationId", next.id().value(), UUID.class)
                .setParameter("startedAt", attempt.startedAt(), Instant.class)
                .setParameter("durationMs", attempt.duration().toMillis(), Long.class)
                .setParameter("outcome", OutboxRows.outcomeName(outcome), String.class)
                .setParameter("httpStatus", attemptFailure.flatMap(DeliveryFailure::httpStatus).orElse(null),
                        Integer.class)
                .setParameter("errorCode", attemptFailure.map(DeliveryFailure::code).orElse(null), String.class)
                .setParameter("errorMessage", attemptFailure.map(DeliveryFailure::message).orElse(null), String.class)
                .setParameter("remoteIds", outcome instanceof DeliveryOutcome.Delivered delivered
                        ? json.ids(delivered.remoteIds()) : null, String.class)
                .setParameter("notBefore", notBefore(outcome).orElse(null), Instant.class)
                .setParameter("exchanges", json.exchanges(attempt.exchanges()), String.class)
                .setParameter("traceId", attempt.traceId().orElse(null), String.class)
                .executeUpdate();
        return true;
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
