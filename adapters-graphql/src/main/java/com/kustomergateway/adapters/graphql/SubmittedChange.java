package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.attribute.AttributeValue;
import com.kustomergateway.domain.attribute.CustomAttributes;
import com.kustomergateway.domain.change.AddNote;
import com.kustomergateway.domain.change.Change;
import com.kustomergateway.domain.change.CreateCustomObjects;
import com.kustomergateway.domain.change.CreateKlass;
import com.kustomergateway.domain.change.UpdateCustomerData;
import com.kustomergateway.domain.customobject.CustomObject;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A change as the gateway accepted it, as JSON for people reading the audit trail: the mutation's argument names,
 * and attributes under the Kustomer names and types they were converted to (what the rules made of the input).
 */
final class SubmittedChange {

    private SubmittedChange() {
    }

    static String json(Change change) {
        JsonObject json = new JsonObject();
        if (change instanceof AddNote note) {
            json.put("conversationId", note.conversation().value()).put("noteBody", note.body().value())
                    .put("isInternal", true);
        } else if (change instanceof CreateKlass klass) {
            json.put("name", klass.name().value()).put("displayName", klass.displayName())
                    .put("description", klass.description()).put("icon", klass.icon().orElse(""));
        } else if (change instanceof CreateCustomObjects create) {
            JsonArray objects = new JsonArray();
            for (CustomObject object : create.objects()) {
                JsonObject node = new JsonObject().put("title", object.title().value());
                object.customer().ifPresent(customer -> node.put("customerId", customer.value()));
                objects.add(node.put("data", attributes(object.attributes())));
            }
            json.put("klassName", create.klass().value()).put("objects", objects);
        } else if (change instanceof UpdateCustomerData update) {
            json.put("customerId", update.customer().value())
                    .put("personalizationData", attributes(update.attributes()));
        }
        return json.encode();
    }

    private static JsonObject attributes(CustomAttributes attributes) {
        JsonObject json = new JsonObject();
        attributes.values().forEach((name, value) -> {
            if (value instanceof AttributeValue.TextValue text) {
                json.put(name.value(), text.text());
            } else if (value instanceof AttributeValue.NumberValue number) {
                json.put(name.value(), number.number());
            } else if (value instanceof AttributeValue.BooleanValue bool) {
                json.put(name.value(), bool.bool());
            } else if (value instanceof AttributeValue.DateTimeValue dateTime) {
                json.put(name.value(), dateTime.instant().toString());
            }
        });
        return json;
    }
}
