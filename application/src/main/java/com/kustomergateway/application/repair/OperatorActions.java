package com.kustomergateway.application.repair;

import com.kustomergateway.application.deliver.DeliveryEvents;
import com.kustomergateway.application.deliver.DeliveryRelay;
import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.InvalidInputException;
import com.kustomergateway.domain.operation.ListingPosition;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.OperationFilter;
import com.kustomergateway.domain.operation.OperationId;
import com.kustomergateway.domain.operation.OperationStatus;
import com.kustomergateway.domain.port.OperationCorrections;
import com.kustomergateway.domain.port.OperationHistory;
import com.kustomergateway.domain.port.OperationStore;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What an operator does to repair deliveries: retry a failed operation, cancel one not yet sent, or replay every
 * failed operation a filter selects (after a bad key or a Kustomer incident). Which transitions are allowed is the
 * operation's own rule; this makes sure a relay that moved the operation meanwhile is not overruled.
 */
@ApplicationScoped
public class OperatorActions {

    private static final Logger LOG = Logger.getLogger(OperatorActions.class);

    /** Operations a replay re-queues per transaction: small enough for short locks, large enough for speed. */
    static final int REPLAY_BATCH = 200;

    private final OperationStore store;
    private final OperationHistory history;
    private final OperationCorrections corrections;
    private final DeliveryRelay relay;
    private final DeliveryEvents events;
    private final Clock clock;

    public OperatorActions(OperationStore store, OperationHistory history, OperationCorrections corrections,
            DeliveryRelay relay, DeliveryEvents events, Clock clock) {
        this.store = store;
        this.history = history;
        this.corrections = corrections;
        this.relay = relay;
        this.events = events;
        this.clock = clock;
    }

    /** Queues a {@code FAILED} operation again, with its attempts kept and a fresh retry budget. */
    public Operation retry(OperationId id) {
        Operation retried = correct(id, operation -> operation.retried(clock.instant()));
        relay.wake();
        return retried;
    }

    /** Withdraws a {@code QUEUED} or {@code RETRYING} operation: it will not be sent. */
    public Operation cancel(OperationId id) {
        return correct(id, Operation::cancelled);
    }

    /**
     * Queues again every {@code FAILED} operation the filter selects, newest first, in batches; returns how many
     * it queued. One that another operator or instance changed meanwhile is left as it now is.
     */
    public int replayFailed(OperationFilter filter) {
        if (filter.status().filter(status -> status != OperationStatus.FAILED).isPresent()) {
            throw new InvalidInputException(ErrorCode.INVALID_FILTER,
                    "only FAILED operations can be replayed; leave the status out or set it to FAILED");
        }
        OperationFilter failed = filter.withStatus(OperationStatus.FAILED);
        Optional<ListingPosition> after = Optional.empty();
        int requeued = 0;
        List<Operation> page;
        do {
            page = history.newestFirst(failed, after, REPLAY_BATCH);
            if (page.isEmpty()) {
                break;
            }
            List<Operation> written = corrections.replaceAll(
                    page.stream().map(operation -> operation.retried(clock.instant())).toList(),
                    OperationStatus.FAILED);
            written.forEach(events::corrected);
            requeued += written.size();
            after = Optional.of(ListingPosition.of(page.get(page.size() - 1)));
            relay.wake();
        } while (page.size() == REPLAY_BATCH);
        LOG.infof("Replayed %d failed operation(s) selected by %s", requeued, filter);
        return requeued;
    }

    /**
     * Applies an operator's transition to the operation as stored. When the store refuses because the status
     * changed meanwhile, the transition is judged again on the new state: it applies, or says why it cannot.
     */
    private Operation correct(OperationId id, UnaryOperator<Operation> transition) {
        while (true) {
            Operation current = store.find(id).orElseThrow(() -> new InvalidInputException(
                    ErrorCode.OPERATION_NOT_FOUND, "there is no operation " + id));
            Operation next = transition.apply(current);
            if (corrections.replace(next, current.status())) {
                LOG.infof("Operation %s: %s by an operator (was %s)", id, next.status(), current.status());
                events.corrected(next);
                return next;
            }
        }
    }
}
