package com.kustomergateway.adapters.kustomer;

import com.kustomergateway.domain.attribute.AttributeOwner;
import com.kustomergateway.domain.change.UpdateCustomerData;
import com.kustomergateway.domain.operation.DeliveryOutcome;

import java.util.List;
import java.util.Optional;

import static com.kustomergateway.adapters.kustomer.KustomerRoute.UPDATE_CUSTOMER;

/**
 * Updates a customer's custom attributes, after declaring those Kustomer does not know yet. A PATCH names its
 * customer, so an answer without {@code data.id} still says which record changed.
 */
final class CustomerDataDelivery {

    private final AttributeDeclarations attributeDeclarations;

    CustomerDataDelivery(AttributeDeclarations attributeDeclarations) {
        this.attributeDeclarations = attributeDeclarations;
    }

    DeliveryOutcome deliver(UpdateCustomerData update, DeliveryCalls calls) throws DeliveryStopped {
        attributeDeclarations.declareNew(AttributeOwner.CUSTOMER, update.attributes().values().keySet(), calls);
        String customer = update.customer().value();
        String body = RequestBodies.customer(update);
        Answer answer = calls.expectSuccess(UPDATE_CUSTOMER.to(customer), Optional.of(body),
                (client, auth) -> client.updateCustomer(auth, customer, body));
        return new DeliveryOutcome.Delivered(List.of(ResponseBodies.dataId(answer.body()).orElse(customer)));
    }
}
