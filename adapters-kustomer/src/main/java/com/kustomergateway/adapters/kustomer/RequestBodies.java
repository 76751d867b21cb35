package com.kustomergateway.adapters.kustomer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kustomergateway.domain.attribute.AttributeName;
import com.kustomergateway.domain.attribute.AttributeValue;
import com.kustomergateway.domain.attribute.CustomAttributes;
import com.kustomergateway.domain.change.AddNote;
import com.kustomergateway.domain.change.CreateKlass;
import com.kustomergateway.domain.change.UpdateCustomerData;
import com.kustomergateway.domain.customobject.CustomObject;

import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;

/**
 * The JSON Kustomer expects for each change. Kustomer's bodies allow no field it does not list, so only listed
 * fields are written, and optional ones only when present.
 */
final class RequestBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RequestBodies() {
    }

    static String note(AddNote note, String externalId) {
        ObjectNode body = NODES.objectNode();
        body.put("body", note.body().value());
        body.put("externalId", externalId);
        return write(body);
    }

    /** The caller's description stays with the operation: Kustomer's Klass has no field for it. */
    static String klass(CreateKlass klass) {
        ObjectNode body = NODES.objectNode();
        body.put("name", klass.name().value());
        body.put("displayName", klass.displayName());
        klass.icon().ifPresent(icon -> body.put("icon", icon));
        return write(body);
    }

    static String object(CustomObject object, String externalId) {
        return write(objectNode(object, externalId));
    }

    static String objects(List<CustomObject> objects, List<String> externalIds) {
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < objects.size(); i++) {
            array.add(objectNode(objects.get(i), externalIds.get(i)));
        }
        return write(array);
    }

    static String customer(UpdateCustomerData update) {
        ObjectNode body = NODES.objectNode();
        body.set("custom", custom(update.attributes()));
        return write(body);
    }

    /** Kustomer infers each attribute's type from its suffix; the gateway gives it a readable label. */
    static String attributeDeclarations(Collection<AttributeName> attributes) {
        ObjectNode body = NODES.objectNode();
        ObjectNode properties = body.putObject("properties");
        attributes.forEach(attribute -> properties.putObject(attribute.value())
                .put("displayName", attribute.displayName()));
        return write(body);
    }

    private static ObjectNode objectNode(CustomObject object, String externalId) {
        ObjectNode body = NODES.objectNode();
        body.put("title", object.title().value());
        body.put("externalId", externalId);
        object.customer().ifPresent(customer -> body.put("customer", customer.value()));
        body.set("custom", custom(object.attributes()));
        return body;
    }

    private static ObjectNode custom(CustomAttributes attributes) {
        ObjectNode custom = NODES.objectNode();
        attributes.values().forEach((name, value) -> {
            if (value instanceof AttributeValue.TextValue text) {
                custom.put(name.value(), text.text());
            } else if (value instanceof AttributeValue.NumberValue number) {
                // DecimalNode keeps the caller's digits: 8.5 is sent as 8.5, not as a double's approximation.
                custom.set(name.value(), DecimalNode.valueOf(number.number()));
            } else if (value instanceof AttributeValue.BooleanValue bool) {
                custom.put(name.value(), bool.bool());
            } else if (value instanceof AttributeValue.DateTimeValue dateTime) {
                custom.put(name.value(), dateTime.instant().toString());
            }
        });
        return custom;
    }

    private static String write(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
