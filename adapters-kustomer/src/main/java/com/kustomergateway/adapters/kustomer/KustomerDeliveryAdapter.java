package com.kustomergateway.adapters.kustomer;

import com.kustomergateway.domain.change.AddNote;
import com.kustomergateway.domain.change.Change;
import com.kustomergateway.domain.change.CreateCustomObjects;
import com.kustomergateway.domain.change.CreateKlass;
import com.kustomergateway.domain.change.UpdateCustomerData;
import com.kustomergateway.domain.operation.DeliveryFailure;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.port.DeliveryJournal;
import com.kustomergateway.domain.port.KustomerPort;
import com.kustomergateway.domain.port.RequestPacing;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Delivers operations to Kustomer's REST API: picks the class that knows the operation's kind of change, and gives
 * it the delivery's requests ({@link DeliveryCalls}), which wait for their turn and are recorded. What the answers
 * said of Kustomer's budget goes back with the outcome; nothing here paces anything else.
 */
@ApplicationScoped
public class KustomerDeliveryAdapter implements KustomerPort {

    private final KustomerApi api;
    private final KustomerSettings settings;
    private final RequestPacing pacing;
    private final Clock clock;
    private final NoteDelivery notes = new NoteDelivery();
    private final KlassDelivery klasses = new KlassDelivery();
    private final CustomObjectsDelivery customObjects;
    private final CustomerDataDelivery customerData;

    KustomerDeliveryAdapter(@RestClient KustomerApi api, KustomerSettings settings, RequestPacing pacing,
            AttributeDeclarations attributeDeclarations, KustomerCallSettings calls, Clock clock) {
        this.api = api;
        this.settings = settings;
        this.pacing = pacing;
        this.clock = clock;
        this.customObjects = new CustomObjectsDelivery(attributeDeclarations,
                new BulkCreation(new BulkJobPolling(calls)));
        this.customerData = new CustomerDataDelivery(attributeDeclarations);
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
        DeliveryCalls calls = new DeliveryCalls(api, key.get(), pacing, clock);
        DeliveryOutcome outcome;
        try {
            outcome = deliver(operation, journal, calls);
        } catch (DeliveryStopped stopped) {
            outcome = stopped.outcome();
        }
        return new Delivery(outcome, calls.exchanges(), calls.budget());
    }

    private DeliveryOutcome deliver(Operation operation, DeliveryJournal journal, DeliveryCalls calls)
            throws DeliveryStopped {
        Change change = operation.change();
        return switch (change.kind()) {
            case ADD_NOTE -> notes.deliver(operation, (AddNote) change, calls);
            case CREATE_KLASS -> klasses.deliver(operation, (CreateKlass) change, calls);
            case CREATE_CUSTOM_OBJECTS -> customObjects.deliver(operation, (CreateCustomObjects) change, journal,
                    calls);
            case UPDATE_CUSTOMER_DATA -> customerData.deliver((UpdateCustomerData) change, calls);
        };
    }

    private Optional<String> apiKey() {
        return settings.apiKey().map(String::strip).filter(key -> !key.isEmpty());
    }
}
