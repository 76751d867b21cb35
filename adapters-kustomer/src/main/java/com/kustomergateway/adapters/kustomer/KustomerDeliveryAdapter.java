package com.kustomergateway.adapters.kustomer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.kustomergateway.application.pacing.RateGate;
import com.kustomergateway.domain.change.AddNote;
import com.kustomergateway.domain.change.AttributeName;
import com.kustomergateway.domain.change.AttributeOwner;
import com.kustomergateway.domain.change.Change;
import com.kustomergateway.domain.change.CreateCustomObjects;
import com.kustomergateway.domain.change.CreateKlass;
import com.kustomergateway.domain.change.CustomObject;
import com.kustomergateway.domain.change.UpdateCustomerData;
import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.port.DeliveryJournal;
import com.kustomergateway.domain.port.KustomerPort;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static com.kustomergateway.adapters.kustomer.DeliveryCalls.path;
import static com.kustomergateway.adapters.kustomer.DeliveryCalls.segment;

/** Delivers operations to Kustomer's REST API, one change kind per call pattern. */
@ApplicationScoped
public class KustomerDeliveryAdapter implements KustomerPort {

    /** The most objects Kustomer takes in one bulk request. */
    static final int BULK_LIMIT = 100;
    private static final int FAILURES_NAMED = 5;
    /** An org has few Klasses; ten pages of a hundred is more than any has. */
    private static final int KLASS_PAGES_SEARCHED = 10;

    private final KustomerApi api;
    private final KustomerSettings settings;
    private final RateGate rateGate;
    private final Duration bulkPollInterval;
    private final Duration bulkTimeout;
    private final AttributeDeclarations attributeDeclarations;

    @Inject
    KustomerDeliveryAdapter(@RestClient KustomerApi api, KustomerSettings settings, RateGate rateGate,
            AttributeDeclarations attributeDeclarations, KustomerCallSettings calls) {
        this.api = api;
        this.settings = settings;
        this.rateGate = rateGate;
        this.bulkPollInterval = calls.bulkPollInterval();
        this.bulkTimeout = calls.bulkTimeout();
        this.attributeDeclarations = attributeDeclarations;
    }

    @Override
    public Optional<String> unavailableBecause() {
        return apiKey().isPresent() ? Optional.empty()
                : Optional.of("KUSTOMER_API_KEY is not set: the gateway cannot call Kustomer without an API key");
    }

    @Override
    public Delivery deliver(Operation operation, DeliveryJournal journal) {
        Optional<String> key = apiKey();
        if (key.isEmpty()) {
            return new Delivery(new DeliveryOutcome.CredentialsRejected(
                    DeliveryFailure.network("api_key_missing", unavailableBecause().orElseThrow())), List.of());
        }
        DeliveryCalls calls = new DeliveryCalls(api, key.get(), rateGate);
        DeliveryOutcome outcome;
        try {
            outcome = deliver(operation, journal, calls);
        } catch (DeliveryStopped stopped) {
            outcome = stopped.outcome();
        }
        return new Delivery(outcome, calls.exchanges());
    }

    private DeliveryOutcome deliver(Operation operation, DeliveryJournal journal, DeliveryCalls calls)
            throws DeliveryStopped {
        Change change = operation.change();
        if (change instanceof AddNote note) {
            return addNote(operation, note, calls);
        }
        if (change instanceof CreateKlass klass) {
            return createKlass(operation, klass, calls);
        }
        if (change instanceof CreateCustomObjects objects) {
            Set<AttributeName> used = new LinkedHashSet<>();
            objects.objects().forEach(object -> used.addAll(object.attributes().values().keySet()));
            attributeDeclarations.declareNew(AttributeOwner.klass(objects.klass()), used, calls);
            return objects.objects().size() == 1
                    ? createObject(operation, objects.klass().value(), objects.objects().get(0), calls)
                    : createObjectsInBulk(operation, objects, journal, calls);
        }
        return updateCustomer((UpdateCustomerData) change, calls);
    }

    private DeliveryOutcome addNote(Operation operation, AddNote note, DeliveryCalls calls) throws DeliveryStopped {
        String conversation = note.conversation().value();
        String body = RequestBodies.note(note, operation.externalId());
        Answer answer = calls.expectSuccess("POST", path("conversations", conversation, "notes"), Optional.of(body),
                (client, auth) -> client.addNote(auth, conversation, body));
        return delivered(createdId(answer));
    }

    /**
     * A Klass name is unique in the org, so a retry after a try that may have created it can meet a conflict: the
     * Klass of that name is then looked up, and its id is the outcome.
     */
    private DeliveryOutcome createKlass(Operation operation, CreateKlass klass, DeliveryCalls calls)
            throws DeliveryStopped {
        String body = RequestBodies.klass(klass);
        Answer answer = calls.send("POST", path("klasses"), Optional.of(body),
                (client, auth) -> client.createKlass(auth, body));
        if (answer.isSuccess()) {
            return delivered(createdId(answer));
        }
        if (operation.mayHaveReachedKustomer() && (answer.status() == 409 || answer.status() == 400)) {
            Optional<String> existing = existingKlass(klass.name().value(), calls);
            if (existing.isPresent()) {
                return delivered(existing.get());
            }
        }
        return AnswerClassification.outcomeOf(answer, Instant.now());
    }

    private Optional<String> existingKlass(String name, DeliveryCalls calls) throws DeliveryStopped {
        for (int page = 1; page <= KLASS_PAGES_SEARCHED; page++) {
            int current = page;
            Answer answer = calls.expectSuccess("GET", path("klasses") + "?page=" + page + "&pageSize=" + BULK_LIMIT,
                    Optional.empty(), (client, auth) -> client.klasses(auth, current, BULK_LIMIT));
            Optional<JsonNode> root = ResponseBodies.json(answer.body());
            JsonNode data = root.map(r -> r.path("data")).orElse(MissingNode.getInstance());
            for (JsonNode klass : data) {
                if (name.equals(klass.path("attributes").path("name").asText(null))) {
                    return ResponseBodies.text(klass.path("id"));
                }
            }
            if (data.size() < BULK_LIMIT) {
                break;
            }
        }
        return Optional.empty();
    }

    /**
     * After a try that may have reached Kustomer the object may exist already (the answer may have been lost), so
     * the retry looks it up by its external id before creating it.
     */
    private DeliveryOutcome createObject(Operation operation, String klass, CustomObject object, DeliveryCalls calls)
            throws DeliveryStopped {
        String externalId = operation.externalId(0);
        if (operation.mayHaveReachedKustomer()) {
            Optional<String> existing = existingObject(klass, externalId, calls);
            if (existing.isPresent()) {
                return delivered(existing.get());
            }
        }
        return delivered(postObject(klass, object, externalId, calls));
    }

    private String postObject(String klass, CustomObject object, String externalId, DeliveryCalls calls)
            throws DeliveryStopped {
        String body = RequestBodies.object(object, externalId);
        Answer answer = calls.expectSuccess("POST", path("klasses", klass), Optional.of(body),
                (client, auth) -> client.createObject(auth, klass, body));
        return createdId(answer);
    }

    /** The id of the Klass's object with this external id, if Kustomer has one (404: it has none). */
    private Optional<String> existingObject(String klass, String externalId, DeliveryCalls calls)
            throws DeliveryStopped {
        Answer found = calls.send("GET", path("klasses", klass) + "/externalId=" + segment(externalId),
                Optional.empty(), (client, auth) -> client.objectByExternalId(auth, klass, externalId));
        if (found.isSuccess()) {
            return Optional.of(createdId(found));
        }
        if (found.status() != 404) {
            throw new DeliveryStopped(AnswerClassification.outcomeOf(found, Instant.now()));
        }
        return Optional.empty();
    }

    /**
     * Every chunk is submitted before any is polled, so Kustomer works on them together; each job is then polled
     * until complete and its results read, which for a job done by the first poll costs three requests a chunk.
     * Each job id goes into the journal as soon as Kustomer gives it, so a try after a crash polls the job instead
     * of submitting the chunk again. Only a chunk whose submission may have happened unrecorded (a crash between
     * Kustomer's answer and the journal) is looked up object by object before anything is created again.
     */
    private DeliveryOutcome createObjectsInBulk(Operation operation, CreateCustomObjects change,
            DeliveryJournal journal, DeliveryCalls calls) throws DeliveryStopped {
        String klass = change.klass().value();
        List<CustomObject> objects = change.objects();
        List<SubmittedChunk> submitted = new ArrayList<>();
        Map<Integer, String> found = new HashMap<>();
        for (int from = 0; from < objects.size(); from += BULK_LIMIT) {
            int to = Math.min(objects.size(), from + BULK_LIMIT);
            String entry = "bulk-job:" + from;
            Optional<String> recorded = journal.read(entry);
            if (recorded.isPresent()) {
                submitted.add(new SubmittedChunk(BulkJob.pending(recorded.get()),
                        IntStream.range(from, to).mapToObj(operation::externalId).toList()));
                continue;
            }
            List<Integer> missing = IntStream.range(from, to).boxed().toList();
            if (operation.mayHaveReachedKustomer()) {
                List<Integer> notFound = new ArrayList<>();
                for (int index : missing) {
                    Optional<String> existing = existingObject(klass, operation.externalId(index), calls);
                    existing.ifPresentOrElse(id -> found.put(index, id), () -> notFound.add(index));
                }
                missing = notFound;
            }
            if (missing.isEmpty()) {
                continue;
            }
            if (missing.size() == 1) {
                int index = missing.get(0);
                found.put(index, postObject(klass, objects.get(index), operation.externalId(index), calls));
                continue;
            }
            List<String> externalIds = missing.stream().map(operation::externalId).toList();
            String body = RequestBodies.objects(missing.stream().map(objects::get).toList(), externalIds);
            Answer answer = calls.expectSuccess("POST", path("klasses", klass, "bulk"), Optional.of(body),
                    (client, auth) -> client.createObjectsInBulk(auth, klass, body));
            BulkJob job = BulkJob.from(answer.body()).orElseThrow(() -> unreadable(answer, "a bulk job id"));
            journal.write(entry, job.id());
            submitted.add(new SubmittedChunk(job, externalIds));
        }
        Instant deadline = Instant.now().plus(bulkTimeout);
        Map<String, String> idByExternalId = new HashMap<>();
        List<String> failures = new ArrayList<>();
        for (SubmittedChunk chunk : submitted) {
            String jobId = awaitCompletion(chunk.job(), deadline, calls).id();
            Answer answer = calls.expectSuccess("GET", path("bulk", jobId, "batches"), Optional.empty(),
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
        if (!failures.isEmpty()) {
            return new DeliveryOutcome.Rejected(new DeliveryFailure(Optional.empty(), "bulk_objects_failed",
                    failures.size() + " of " + objects.size() + " objects failed in Kustomer's bulk create: "
                            + String.join("; ", failures.subList(0, Math.min(FAILURES_NAMED, failures.size())))
                            + (failures.size() > FAILURES_NAMED ? "; …" : "")));
        }
        List<String> ids = new ArrayList<>();
        for (int index = 0; index < objects.size(); index++) {
            String id = found.containsKey(index) ? found.get(index) : idByExternalId.get(operation.externalId(index));
            if (id == null) {
                return new DeliveryOutcome.Rejected(new DeliveryFailure(Optional.empty(), "bulk_results_unreadable",
                        "Kustomer's bulk results named no id for object " + index + " of " + objects.size()
                                + " in a way that can be matched to it"));
            }
            ids.add(id);
        }
        return new DeliveryOutcome.Delivered(ids);
    }

    private BulkJob awaitCompletion(BulkJob job, Instant deadline, DeliveryCalls calls) throws DeliveryStopped {
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
            if (Instant.now().isAfter(deadline)) {
                throw new DeliveryStopped(new DeliveryOutcome.Transient(DeliveryFailure.network("bulk_timeout",
                        "Kustomer's bulk job " + job.id() + " was not complete after " + bulkTimeout.toSeconds()
                                + " s"), Optional.empty()));
            }
            calls.pause(bulkPollInterval);
            String jobId = job.id();
            Answer answer = calls.expectSuccess("GET", path("bulk", jobId), Optional.empty(),
                    (client, auth) -> client.bulkJob(auth, jobId));
            state = BulkJob.from(answer.body()).orElseThrow(() -> unreadable(answer, "the bulk job's status"));
            span.setAttribute(WaitSpans.BULK_POLLS, ++polls);
        }
        return state;
    }

    /** A PATCH names its customer, so an answer without {@code data.id} still says which record changed. */
    private DeliveryOutcome updateCustomer(UpdateCustomerData update, DeliveryCalls calls) throws DeliveryStopped {
        attributeDeclarations.declareNew(AttributeOwner.CUSTOMER, update.attributes().values().keySet(), calls);
        String customer = update.customer().value();
        String body = RequestBodies.customer(update);
        Answer answer = calls.expectSuccess("PATCH", path("customers", customer), Optional.of(body),
                (client, auth) -> client.updateCustomer(auth, customer, body));
        return delivered(ResponseBodies.dataId(answer.body()).orElse(customer));
    }

    /**
     * A success without {@code data.id} breaks Kustomer's contract. Trying again could create the thing twice, and
     * the same request would get the same answer, so the operation fails for an operator to look at.
     */
    private static String createdId(Answer answer) throws DeliveryStopped {
        Optional<String> id = ResponseBodies.dataId(answer.body());
        if (id.isEmpty()) {
            throw unreadable(answer, "data.id");
        }
        return id.get();
    }

    private static DeliveryStopped unreadable(Answer answer, String missing) {
        return new DeliveryStopped(new DeliveryOutcome.Rejected(DeliveryFailure.http(answer.status(),
                "unexpected_response", "Kustomer answered " + answer.status() + " without " + missing
                        + "; the change may have been made, so it is not retried")));
    }

    private static DeliveryOutcome delivered(String id) {
        return new DeliveryOutcome.Delivered(List.of(id));
    }

    private Optional<String> apiKey() {
        return settings.apiKey().map(String::strip).filter(key -> !key.isEmpty());
    }

    private record SubmittedChunk(BulkJob job, List<String> externalIds) {
    }
}
