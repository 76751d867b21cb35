package com.kustomergateway.adapters.kustomer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.kustomergateway.adapters.kustomer.KustomerRoute.Paths;
import com.kustomergateway.domain.change.CreateKlass;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.Operation;

import java.util.List;
import java.util.Optional;

import static com.kustomergateway.adapters.kustomer.KustomerRoute.CREATE_KLASS;
import static com.kustomergateway.adapters.kustomer.KustomerRoute.LIST_KLASSES;

/**
 * Creates a Klass. A Klass name is unique in the org, so a retry after a try that may have created it can meet a
 * conflict: the Klass of that name is then looked up, page by page, and its id is the outcome.
 */
final class KlassDelivery {

    /** Klasses asked for per page. */
    static final int PAGE_SIZE = 100;
    /** An org has few Klasses; ten pages of a hundred is more than any has. */
    private static final int PAGES_SEARCHED = 10;

    DeliveryOutcome deliver(Operation operation, CreateKlass klass, DeliveryCalls calls) throws DeliveryStopped {
        String body = RequestBodies.klass(klass);
        Answer answer = calls.send(CREATE_KLASS.to(), Optional.of(body),
                (client, auth) -> client.createKlass(auth, body));
        if (answer.isSuccess()) {
            return delivered(answer.createdId());
        }
        if (operation.mayHaveReachedKustomer() && (answer.status() == 409 || answer.status() == 400)) {
            Optional<String> existing = existing(klass.name().value(), calls);
            if (existing.isPresent()) {
                return delivered(existing.get());
            }
        }
        return AnswerClassification.outcomeOf(answer);
    }

    private static Optional<String> existing(String name, DeliveryCalls calls) throws DeliveryStopped {
        for (int page = 1; page <= PAGES_SEARCHED; page++) {
            int current = page;
            Answer answer = calls.expectSuccess(
                    LIST_KLASSES.to().with(Paths.PAGE, page).with(Paths.PAGE_SIZE, PAGE_SIZE), Optional.empty(),
                    (client, auth) -> client.klasses(auth, current, PAGE_SIZE));
            JsonNode data = ResponseBodies.json(answer.body()).map(root -> root.path("data"))
                    .orElse(MissingNode.getInstance());
            for (JsonNode klass : data) {
                if (name.equals(klass.path("attributes").path("name").asText(null))) {
                    return ResponseBodies.text(klass.path("id"));
                }
            }
            if (data.size() < PAGE_SIZE) {
                break;
            }
        }
        return Optional.empty();
    }

    private static DeliveryOutcome delivered(String id) {
        return new DeliveryOutcome.Delivered(List.of(id));
    }
}
