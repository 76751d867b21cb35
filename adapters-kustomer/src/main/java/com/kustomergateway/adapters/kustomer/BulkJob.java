package com.kustomergateway.adapters.kustomer;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A Kustomer bulk job as its create or status answer describes it. Kustomer documents {@code status} reaching
 * {@code complete}; it also sends a {@code completed} flag, and either one is taken as done.
 */
record BulkJob(String id, boolean complete, Optional<String> failedStatus) {

    private static final Set<String> DONE = Set.of("complete", "completed", "done", "finished", "success");
    private static final Set<String> FAILED = Set.of("failed", "failure", "error", "errored", "cancelled", "canceled");

    /** A job known only by its id (from the delivery journal): its status is still to be asked. */
    static BulkJob pending(String id) {
        return new BulkJob(id, false, Optional.empty());
    }

    static Optional<BulkJob> from(String body) {
        return ResponseBodies.json(body).flatMap(root -> {
            JsonNode data = root.path("data");
            return ResponseBodies.text(data.path("id")).map(id -> {
                JsonNode attributes = data.path("attributes");
                String status = ResponseBodies.text(attributes.path("status")).orElse("").toLowerCase(Locale.ROOT);
                boolean complete = DONE.contains(status) || attributes.path("completed").asBoolean(false);
                return new BulkJob(id, complete, FAILED.contains(status) ? Optional.of(status) : Optional.empty());
            });
        });
    }
}
