package com.kustomergateway.adapters.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kustomergateway.domain.attribute.AttributeName;
import com.kustomergateway.domain.attribute.AttributeValue;
import com.kustomergateway.domain.attribute.CustomAttributes;
import com.kustomergateway.domain.change.AddNote;
import com.kustomergateway.domain.change.Change;
import com.kustomergateway.domain.change.ChangeKind;
import com.kustomergateway.domain.change.CreateCustomObjects;
import com.kustomergateway.domain.change.CreateKlass;
import com.kustomergateway.domain.change.UpdateCustomerData;
import com.kustomergateway.domain.customerprofile.CustomerId;
import com.kustomergateway.domain.customobject.CustomObject;
import com.kustomergateway.domain.customobject.ObjectTitle;
import com.kustomergateway.domain.klass.KlassName;
import com.kustomergateway.domain.note.ConversationId;
import com.kustomergateway.domain.note.NoteBody;
import com.kustomergateway.domain.operation.KustomerExchange;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON the outbox keeps in its jsonb columns: changes, remote ids and exchanges. A change must read back
 * {@code equals} to what was written, since a stored change is compared with a new one to detect a reused
 * idempotency key; so numbers are kept as strings (a JSON number would lose the scale of {@code 1.20}) and
 * attributes as an array (jsonb does not keep the order of an object's keys).
 */
final class OutboxJson {

    /** A journal with no entries: an operation's journal once it settled (see V3). */
    static final String EMPTY_JOURNAL = "{}";

    private final ObjectMapper mapper;

    OutboxJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String change(Change change) {
        ObjectNode json = mapper.createObjectNode().put("kind", change.kind().name());
        if (change instanceof AddNote note) {
            json.put("conversationId", note.conversation().value()).put("body", note.body().value());
        } else if (change instanceof CreateKlass klass) {
            json.put("name", klass.name().value()).put("displayName", klass.displayName())
                    .put("description", klass.description());
            klass.icon().ifPresent(icon -> json.put("icon", icon));
        } else if (change instanceof CreateCustomObjects create) {
            json.put("klass", create.klass().value());
            ArrayNode objects = json.putArray("objects");
            for (CustomObject object : create.objects()) {
                ObjectNode node = objects.addObject().put("title", object.title().value());
                object.customer().ifPresent(customer -> node.put("customerId", customer.value()));
                node.set("attributes", attributes(object.attributes()));
            }
        } else if (change instanceof UpdateCustomerData update) {
            json.put("customerId", update.customer().value());
            json.set("attributes", attributes(update.attributes()));
        }
        return write(json);
    }

    Change toChange(String text) {
        JsonNode json = read(text);
        return switch (ChangeKind.valueOf(text(json, "kind"))) {
            case ADD_NOTE -> new AddNote(new ConversationId(text(json, "conversationId")),
                    new NoteBody(text(json, "body")));
            case CREATE_KLASS -> new CreateKlass(new KlassName(text(json, "name")), text(json, "displayName"),
                    optionalText(json, "icon"), text(json, "description"));
            case CREATE_CUSTOM_OBJECTS -> {
                List<CustomObject> objects = new ArrayList<>();
                for (JsonNode node : array(json, "objects")) {
                    objects.add(new CustomObject(new ObjectTitle(text(node, "title")),
                            optionalText(node, "customerId").map(CustomerId::new), toAttributes(node)));
                }
                yield new CreateCustomObjects(new KlassName(text(json, "klass")), objects);
            }
            case UPDATE_CUSTOMER_DATA -> new UpdateCustomerData(new CustomerId(text(json, "customerId")),
                    toAttributes(json));
        };
    }

    String ids(List<String> ids) {
        ArrayNode json = mapper.createArrayNode();
        ids.forEach(json::add);
        return write(json);
    }

    List<String> toIds(String text) {
        List<String> ids = new ArrayList<>();
        read(text).forEach(id -> ids.add(id.textValue()));
        return ids;
    }

    String exchanges(List<KustomerExchange> exchanges) {
        ArrayNode json = mapper.createArrayNode();
        for (KustomerExchange exchange : exchanges) {
            ObjectNode node = json.addObject()
                    .put("startedAt", exchange.startedAt().toString())
                    .put("durationMs", exchange.duration().toMillis())
                    .put("method", exchange.method())
                    .put("path", exchange.path());
            exchange.requestBody().ifPresent(body -> node.put("requestBody", body));
            exchange.status().ifPresent(status -> node.put("status", status));
            exchange.responseBody().ifPresent(body -> node.put("responseBody", body));
        }
        return write(json);
    }

    List<KustomerExchange> toExchanges(String text) {
        List<KustomerExchange> exchanges = new ArrayList<>();
        for (JsonNode node : read(text)) {
            JsonNode status = node.get("status");
            exchanges.add(new KustomerExchange(Instant.parse(text(node, "startedAt")),
                    Duration.ofMillis(node.required("durationMs").longValue()), text(node, "method"),
                    text(node, "path"), optionalText(node, "requestBody"),
                    status == null || status.isNull() ? Optional.empty() : Optional.of(status.intValue()),
                    optionalText(node, "responseBody")));
        }
        return exchanges;
    }

    /** A delivery journal is an object of text entries. */
    Optional<String> journalEntry(String journal, String entry) {
        JsonNode value = read(journal).get(entry);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    String withJournalEntry(String journal, String entry, String value) {
        ObjectNode json = (ObjectNode) read(journal);
        json.put(entry, value);
        return write(json);
    }

    private ArrayNode attributes(CustomAttributes attributes) {
        ArrayNode json = mapper.createArrayNode();
        attributes.values().forEach((name, value) -> {
            ObjectNode node = json.addObject().put("name", name.value());
            if (value instanceof AttributeValue.TextValue text) {
                node.put("value", text.text());
            } else if (value instanceof AttributeValue.NumberValue number) {
                // BigDecimal's own text: new BigDecimal(n.toString()) equals n, scale included.
                node.put("value", number.number().toString());
            } else if (value instanceof AttributeValue.BooleanValue bool) {
                node.put("value", bool.bool());
            } else if (value instanceof AttributeValue.DateTimeValue dateTime) {
                node.put("value", dateTime.instant().toString());
            }
        });
        return json;
    }

    /** The attribute's name says its type, so the stored value needs no tag of its own. */
    private static CustomAttributes toAttributes(JsonNode owner) {
        Map<AttributeName, AttributeValue> values = new LinkedHashMap<>();
        for (JsonNode node : array(owner, "attributes")) {
            AttributeName name = new AttributeName(text(node, "name"));
            JsonNode value = node.required("value");
            values.put(name, switch (name.type()) {
                case TXT, STR, URL -> new AttributeValue.TextValue(value.textValue());
                case NUM -> new AttributeValue.NumberValue(new BigDecimal(value.textValue()));
                case BOOL -> new AttributeValue.BooleanValue(value.booleanValue());
                case DATE -> new AttributeValue.DateTimeValue(Instant.parse(value.textValue()));
            });
        }
        return new CustomAttributes(values);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.required(field);
        if (!value.isTextual()) {
            throw new IllegalStateException("stored JSON has no text at '" + field + "': " + node);
        }
        return value.textValue();
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.textValue());
    }

    private static JsonNode array(JsonNode node, String field) {
        JsonNode value = node.required(field);
        if (!value.isArray()) {
            throw new IllegalStateException("stored JSON has no array at '" + field + "': " + node);
        }
        return value;
    }

    private String write(JsonNode json) {
        try {
            return mapper.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private JsonNode read(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
