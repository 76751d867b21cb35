package com.kustomergateway.adapters.kustomer.standin;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Kustomer's request-body rules as the stand-in enforces them, written from Kustomer's documented contract: no
 * field beyond the listed ones, required fields, types, lengths, and custom attribute names with a type suffix.
 * Each check returns the problems found, empty when the body is acceptable. Somewhat over 200 lines because a
 * third of it is Kustomer's documented field lists, copied whole so that any field the gateway invents is refused;
 * the checks themselves are short and share the helpers below.
 */
final class KustomerSchemas {

    static final int MAX_BULK_ITEMS = 100;

    private static final Pattern KLASS_NAME = Pattern.compile("[0-9a-zA-Z_-]+");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z][a-zA-Z0-9]*(Str|Txt|Num|Bool|At|Url|Id)");
    private static final int MAX_CUSTOM_ATTRIBUTES = 100;
    private static final int MAX_STRING_ATTRIBUTE = 1_024;

    private static final Set<String> NOTE_FIELDS = Set.of("id", "conversation", "externalId", "body", "userMentions",
            "attachments", "createdAt", "modifiedAt", "createdBy", "modifiedBy", "importedAt", "lang");
    private static final Set<String> KLASS_FIELDS = Set.of("name", "displayName", "icon", "color", "jsonSchema",
            "klassSchema", "mixins", "status");
    private static final Set<String> KOBJECT_FIELDS = Set.of("customer", "company", "externalId", "title",
            "description", "images", "icon", "data", "custom", "tags", "createdAt", "importedAt");
    private static final Set<String> CUSTOMER_FIELDS = Set.of("name", "company", "externalId", "username",
            "signedUpAt", "lastActivityAt", "lastCustomerActivityAt", "lastSeenAt", "avatarUrl", "externalIds",
            "sharedExternalIds", "emails", "sharedEmails", "phones", "sharedPhones", "whatsapps", "facebookIds",
            "instagramIds", "socials", "sharedSocials", "urls", "locations", "locale", "timeZone", "tags",
            "sentiment", "custom", "birthdayAt", "gender", "createdAt", "importedAt", "rev", "defaultLang");

    private static final Set<String> METADATA_FIELDS = Set.of("standardProperties", "relationships", "properties",
            "validations");
    private static final int MAX_METADATA_PROPERTIES = 100;

    private KustomerSchemas() {
    }

    static List<String> note(JsonNode body) {
        List<String> problems = new ArrayList<>();
        if (object(body, "", NOTE_FIELDS, problems)) {
            string(body, "", "body", 1, 10_240, true, problems);
            string(body, "", "externalId", 0, 256, false, problems);
        }
        return problems;
    }

    static List<String> klass(JsonNode body) {
        List<String> problems = new ArrayList<>();
        if (object(body, "", KLASS_FIELDS, problems)) {
            if (string(body, "", "name", 1, 255, true, problems)
                    && !KLASS_NAME.matcher(body.path("name").asText()).matches()) {
                problems.add("\"name\" must match ^[0-9a-zA-Z_-]+$");
            }
            string(body, "", "displayName", 0, 255, false, problems);
            string(body, "", "icon", 0, 64, false, problems);
            string(body, "", "color", 0, 64, false, problems);
        }
        return problems;
    }

    static List<String> kobject(JsonNode body) {
        List<String> problems = new ArrayList<>();
        kobject(body, "", problems);
        return problems;
    }

    static List<String> bulk(JsonNode body) {
        List<String> problems = new ArrayList<>();
        if (!body.isArray()) {
            problems.add("the body must be an array of objects");
        } else if (body.size() > MAX_BULK_ITEMS) {
            problems.add("the body must have at most " + MAX_BULK_ITEMS + " items, not " + body.size());
        } else {
            for (int i = 0; i < body.size(); i++) {
                kobject(body.get(i), "[" + i + "].", problems);
            }
        }
        return problems;
    }

    static List<String> customerUpdate(JsonNode body) {
        List<String> problems = new ArrayList<>();
        if (object(body, "", CUSTOMER_FIELDS, problems)) {
            custom(body.get("custom"), "", problems);
        }
        return problems;
    }

    static List<String> metadata(JsonNode body) {
        List<String> problems = new ArrayList<>();
        if (!object(body, "", METADATA_FIELDS, problems)) {
            return problems;
        }
        JsonNode properties = body.get("properties");
        if (properties == null) {
            return problems;
        }
        if (!properties.isObject()) {
            problems.add("\"properties\" must be an object");
            return problems;
        }
        if (properties.size() > MAX_METADATA_PROPERTIES) {
            problems.add("\"properties\" must have at most " + MAX_METADATA_PROPERTIES + " properties");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = properties.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String at = "properties." + field.getKey() + ".";
            if (!ATTRIBUTE_NAME.matcher(field.getKey()).matches()) {
                problems.add("\"properties." + field.getKey() + "\" is not a valid attribute name");
            } else if (!field.getValue().isObject()) {
                problems.add("\"properties." + field.getKey() + "\" must be an object");
            } else {
                string(field.getValue(), at, "displayName", 1, 255, false, problems);
            }
        }
        return problems;
    }

    private static void kobject(JsonNode body, String at, List<String> problems) {
        if (object(body, at, KOBJECT_FIELDS, problems)) {
            string(body, at, "title", 1, 256, true, problems);
            string(body, at, "externalId", 1, 256, false, problems);
            string(body, at, "customer", 0, Integer.MAX_VALUE, false, problems);
            string(body, at, "description", 0, 10_240, false, problems);
            custom(body.get("custom"), at, problems);
        }
    }

    private static boolean object(JsonNode body, String at, Set<String> allowed, List<String> problems) {
        if (body == null || !body.isObject()) {
            problems.add(describe(at) + " must be an object");
            return false;
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add("\"" + at + name + "\" is not allowed");
            }
        }
        return true;
    }

    private static boolean string(JsonNode body, String at, String field, int min, int max, boolean required,
            List<String> problems) {
        JsonNode value = body.get(field);
        if (value == null) {
            if (required) {
                problems.add("\"" + at + field + "\" is required");
            }
            return false;
        }
        if (!value.isTextual()) {
            problems.add("\"" + at + field + "\" must be a string");
            return false;
        }
        // JSON Schema's maxLength counts characters (code points), not Java's UTF-16 units: 🚀 is one.
        int length = value.asText().codePointCount(0, value.asText().length());
        if (length < min || length > max) {
            problems.add("\"" + at + field + "\" length must be " + min + " to " + max + ", not " + length);
            return false;
        }
        return true;
    }

    private static void custom(JsonNode custom, String at, List<String> problems) {
        if (custom == null) {
            return;
        }
        if (!custom.isObject()) {
            problems.add("\"" + at + "custom\" must be an object");
            return;
        }
        if (custom.size() > MAX_CUSTOM_ATTRIBUTES) {
            problems.add("\"" + at + "custom\" must have at most " + MAX_CUSTOM_ATTRIBUTES + " attributes");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = custom.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = at + "custom." + field.getKey();
            var matcher = ATTRIBUTE_NAME.matcher(field.getKey());
            if (!matcher.matches()) {
                problems.add("\"" + name + "\" is not a valid attribute name (camelCase with a type suffix)");
                continue;
            }
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            switch (matcher.group(1)) {
                case "Num" -> {
                    if (!value.isNumber()) {
                        problems.add("\"" + name + "\" must be a number");
                    }
                }
                case "Bool" -> {
                    if (!value.isBoolean()) {
                        problems.add("\"" + name + "\" must be a boolean");
                    }
                }
                case "At" -> {
                    if (!value.isTextual() || !isDateTime(value.asText())) {
                        problems.add("\"" + name + "\" must be an ISO-8601 date-time");
                    }
                }
                default -> {
                    if (!value.isTextual()) {
                        problems.add("\"" + name + "\" must be a string");
                    } else if (value.asText().codePointCount(0, value.asText().length()) > MAX_STRING_ATTRIBUTE) {
                        problems.add("\"" + name + "\" must be at most " + MAX_STRING_ATTRIBUTE + " characters");
                    }
                }
            }
        }
    }

    private static boolean isDateTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String describe(String at) {
        return at.isEmpty() ? "the body" : "\"" + at.substring(0, at.length() - 1) + "\"";
    }
}
