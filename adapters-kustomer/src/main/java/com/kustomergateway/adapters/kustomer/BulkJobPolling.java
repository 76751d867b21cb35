package com.kustomergateway.adapters.kustomer;

import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.DeliveryOutcome;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static com.kustomergateway.adapters.kustomer.KustomerRoute.READ_BULK_JOB;

/**
 * Waits for a bulk job by reading its status every {@code gateway.kustomer.bulk-poll-interval}, within
 * {@code gateway.kustomer.bulk-timeout} for all of a delivery's jobs; the wait is a span of the attempt.
 */
final class BulkJobPolling {

    private final Duration interval;
    private final Duration timeout;

    BulkJobPolling(KustomerCallSettings settings) {
        this.interval = settings.bulkPollInterval();
        this.timeout = settings.bulkTimeout();
    }

    /** When a delivery whose jobs are all submitted now gives up on them. */
    Instant deadline(DeliveryCalls calls) {
        return calls.now().plus(timeout);
    }

    /** The job once complete (or failed); past the deadline the delivery stops, to be tried again. */
    BulkJob awaitCompletion(BulkJob job, Instant deadline, DeliveryCalls calls) throws DeliveryStopped {
        Span span = WaitSpans.start("await bulk job").setAttribute(WaitSpans.BULK_JOB, job.id());
        try (Scope ignored = span.makeCurrent()) {
            return pollUntilComplete(job, deadline, calls, span);
        } finally {
            span.end();
        }
    }

    private BulkJob pollUntilComplete(BulkJob job, Instant deadline, DeliveryCalls calls, Span span)
            throws DeliveryStopped {
        BulkJob state = job;
        long polls = 0;
        while (!state.complete() && state.failedStatus().isEmpty()) {
            if (calls.now().isAfter(deadline)) {
                throw new DeliveryStopped(new DeliveryOutcome.Transient(DeliveryFailure.network("bulk_timeout",
                        "Kustomer's bulk job " + job.id() + " was not complete after " + timeout.toSeconds()
                                + " s"), Optional.empty()));
            }
            calls.pause(interval);
            String jobId = job.id();
            Answer answer = calls.expectSuccess(READ_BULK_JOB.to(jobId), Optional.empty(),
                    (client, auth) -> client.bulkJob(auth, jobId));
            state = BulkJob.from(answer.body()).orElseThrow(() -> answer.unreadable("the bulk job's status"));
            span.setAttribute(WaitSpans.BULK_POLLS, ++polls);
        }
        return state;
    }
}
