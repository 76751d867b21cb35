package com.kustomergateway.adapters.kustomer;

import com.kustomergateway.domain.attribute.AttributeName;
import com.kustomergateway.domain.attribute.AttributeOwner;
import com.kustomergateway.domain.change.CreateCustomObjects;
import com.kustomergateway.domain.customobject.CustomObject;
import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.port.DeliveryJournal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Creates custom objects of a Klass, after declaring the Klass's attributes they use: one object with one request,
 * more in bulk ({@link BulkCreation}). After a try that may have reached Kustomer an object may exist already (the
 * answer may have been lost), so the retry looks it up by its external id before creating it.
 */
final class CustomObjectsDelivery {

    private final AttributeDeclarations attributeDeclarations;
    private final BulkCreation bulk;

    CustomObjectsDelivery(AttributeDeclarations attributeDeclarations, BulkCreation bulk) {
        this.attributeDeclarations = attributeDeclarations;
        this.bulk = bulk;
    }

    DeliveryOutcome deliver(Operation operation, CreateCustomObjects objects, DeliveryJournal journal,
            DeliveryCalls calls) throws DeliveryStopped {
        Set<AttributeName> used = new LinkedHashSet<>();
        objects.objects().forEach(object -> used.addAll(object.attributes().values().keySet()));
        attributeDeclarations.declareNew(AttributeOwner.klass(objects.klass()), used, calls);
        return objects.objects().size() == 1
                ? createOne(operation, objects.klass().value(), objects.objects().get(0), calls)
                : bulk.create(operation, objects, journal, calls);
    }

    private static DeliveryOutcome createOne(Operation operation, String klass, CustomObject object,
            DeliveryCalls calls) throws DeliveryStopped {
        String externalId = operation.externalId(0);
        if (operation.mayHaveReachedKustomer()) {
            Optional<String> existing = CustomObjectRequests.find(klass, externalId, calls);
            if (existing.isPresent()) {
                return new DeliveryOutcome.Delivered(List.of(existing.get()));
            }
        }
        return new DeliveryOutcome.Delivered(List.of(CustomObjectRequests.create(klass, object, externalId, calls)));
    }
}
