package com.kustomergateway.adapters.kustomer;

import com.kustomergateway.domain.change.CreateCustomObjects;
import com.kustomergateway.domain.customobject.CustomObject;
import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.port.DeliveryJournal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static com.kustomergateway.adapters.kustomer.KustomerRoute.CREATE_OBJECTS_IN_BULK;
import static com.kustomergateway.adapters.kustomer.KustomerRoute.READ_BULK_RESULTS;

/**
 * Creates more than one custom object through Kustomer's bulk API. Every chunk is submitted before any is polled, so
 * Kustomer works on them together; each job is then polled until complete ({@link BulkJobPolling}) and its results
 * read, which for a job done by the first poll costs three requests a chunk. Each job id goes into the journal as
 * soon as Kustomer gives it, so a try after a crash polls the job instead of submitting the chunk again. Only a chunk
 * whose submission may have happened unrecorded (a crash between Kustomer's answer and the journal) is looked up
 * object by object before anything is created again.
 */
final class BulkCreation {

    /** The most objects Kustomer takes in one bulk request. */
    static final int BULK_LIMIT = 100;
    private static final int FAILURES_NAMED = 5;

    private final BulkJobPolling polling;

    BulkCreation(BulkJobPolling polling) {
        this.polling = polling;
    }

    DeliveryOutcome create(Operation operation, CreateCustomObjects change, DeliveryJournal journal,
            DeliveryCalls calls) throws DeliveryStopped {
        Run run = new Run(operation, change.klass().value(), change.objects(), journal, calls);
        for (int from = 0; from < run.objects.size(); from += BULK_LIMIT) {
            run.submit(from, Math.min(run.objects.size(), from + BULK_LIMIT));
        }
        return run.collect();
    }

    /** One bulk creation: what was found or created one by one, and the jobs submitted for the rest. */
    private final class Run {
        final Operation operation;
        final String klass;
        final List<CustomObject> objects;
        final DeliveryJournal journal;
        final DeliveryCalls calls;
        final Map<Integer, String> found = new HashMap<>();
        final List<SubmittedChunk> submitted = new ArrayList<>();

        Run(Operation operation, String klass, List<CustomObject> objects, DeliveryJournal journal,
                DeliveryCalls calls) {
            this.operation = operation;
            this.klass = klass;
            this.objects = objects;
            this.journal = journal;
            this.calls = calls;
        }

        /** Submits the objects {@code from} (inclusive) {@code to} (exclusive), or finds their recorded job. */
        void submit(int from, int to) throws DeliveryStopped {
            String entry = "bulk-job:" + from;
            Optional<String> recorded = journal.read(entry);
            if (recorded.isPresent()) {
                submitted.add(new SubmittedChunk(BulkJob.pending(recorded.get()),
                        IntStream.range(from, to).mapToObj(operation::externalId).toList()));
                return;
            }
            List<Integer> missing = IntStream.range(from, to).boxed().toList();
            if (operation.mayHaveReachedKustomer()) {
                List<Integer> notFound = new ArrayList<>();
                for (int index : missing) {
                    CustomObjectRequests.find(klass, operation.externalId(index), calls)
                            .ifPresentOrElse(id -> found.put(index, id), () -> notFound.add(index));
                }
                missing = notFound;
            }
            if (missing.size() == 1) {
                int index = missing.get(0);
                found.put(index, CustomObjectRequests.create(klass, objects.get(index), operation.externalId(index),
                        calls));
            } else if (!missing.isEmpty()) {
                List<String> externalIds = missing.stream().map(operation::externalId).toList();
                String body = RequestBodies.objects(missing.stream().map(objects::get).toList(), externalIds);
                Answer answer = calls.expectSuccess(CREATE_OBJECTS_IN_BULK.to(klass), Optional.of(body),
                        (client, auth) -> client.createObjectsInBulk(auth, klass, body));
                BulkJob job = BulkJob.from(answer.body()).orElseThrow(() -> answer.unreadable("a bulk job id"));
                journal.write(entry, job.id());
                submitted.add(new SubmittedChunk(job, externalIds));
            }
        }

        /** Waits for every job, reads what each made, and puts the ids in the order of the objects. */
        DeliveryOutcome collect() throws DeliveryStopped {
            Instant deadline = polling.deadline(calls);
            Map<String, String> idByExternalId = new HashMap<>();
            List<String> failures = new ArrayList<>();
            for (SubmittedChunk chunk : submitted) {
                String jobId = polling.awaitCompletion(chunk.job(), deadline, calls).id();
                Answer answer = calls.expectSuccess(READ_BULK_RESULTS.to(jobId), Optional.empty(),
                        (client, auth) -> client.bulkBatches(auth, jobId));
                BulkResults results = BulkResults.from(answer.body());
                failures.addAll(results.failures());
                Optional<List<String>> chunkIds = results.idsFor(chunk.externalIds());
                chunkIds.ifPresent(ids -> {
                    for (int i = 0; i < ids.size(); i++) {
                        idByExternalId.put(chunk.externalIds().get(i), ids.get(i));
                    }
                });
                int unaccounted = chunk.externalIds().size() - results.createdCount() - results.failures().size();
                if (chunkIds.isEmpty() && unaccounted > 0) {
                    failures.addAll(Collections.nCopies(unaccounted,
                            "bulk job " + jobId + " did not report this object as created"));
                }
            }
            return failures.isEmpty() ? inOrder(idByExternalId) : failed(failures);
        }

        private DeliveryOutcome inOrder(Map<String, String> idByExternalId) {
            List<String> ids = new ArrayList<>();
            for (int index = 0; index < objects.size(); index++) {
                String id = found.containsKey(index) ? found.get(index)
                        : idByExternalId.get(operation.externalId(index));
                if (id == null) {
                    return new DeliveryOutcome.Rejected(new DeliveryFailure(Optional.empty(),
                            "bulk_results_unreadable", "Kustomer's bulk results named no id for object " + index
                                    + " of " + objects.size() + " in a way that can be matched to it"));
                }
                ids.add(id);
            }
            return new DeliveryOutcome.Delivered(ids);
        }

        private DeliveryOutcome failed(List<String> failures) {
            return new DeliveryOutcome.Rejected(new DeliveryFailure(Optional.empty(), "bulk_objects_failed",
                    failures.size() + " of " + objects.size() + " objects failed in Kustomer's bulk create: "
                            + String.join("; ", failures.subList(0, Math.min(FAILURES_NAMED, failures.size())))
                            + (failures.size() > FAILURES_NAMED ? "; …" : "")));
        }
    }

    private record SubmittedChunk(BulkJob job, List<String> externalIds) {
    }
}
