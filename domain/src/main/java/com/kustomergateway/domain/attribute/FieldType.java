package com.kustomergateway.domain.attribute;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.InvalidInputException;
import com.kustomergateway.domain.Text;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The type of a custom attribute, as callers name it ({@code txt}, {@code str}, {@code num}, {@code bool},
 * {@code date}, and {@code url}) and as Kustomer spells it in the attribute name's suffix ({@code Txt}, {@code Str},
 * {@code Num}, {@code Bool}, {@code At}, {@code Url}). Each type knows which texts are values of it.
 */
public enum FieldType {
    TXT("txt", "Txt"),
    STR("str", "Str"),
    NUM("num", "Num"),
    BOOL("bool", "Bool"),
    DATE("date", "At"),
    URL("url", "Url");

    /** Kustomer's limit for a string attribute; its schema gives text attributes the same one. */
    public static final int MAX_STRING_LENGTH = 1_024;

    /** JSON's number syntax: what Kustomer can store as a number, and nothing a locale or a programmer might mean. */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private final String callerName;
    private final String suffix;

    FieldType(String callerName, String suffix) {
        this.callerName = callerName;
        this.suffix = suffix;
    }

    public String callerName() {
        return callerName;
    }

    /** The ending Kustomer requires on the name of an attribute of this type. */
    public String suffix() {
        return suffix;
    }

    public static FieldType parse(String name) {
        for (FieldType type : values()) {
            if (type.callerName.equals(name)) {
                return type;
            }
        }
        throw new InvalidInputException(ErrorCode.INVALID_FIELD_TYPE, "'" + name + "' is not a field type; use one of "
                + Arrays.stream(values()).map(FieldType::callerName).collect(Collectors.joining(", ")));
    }

    /** The type whose suffix ends this camelCase name, if the name has something before that suffix. */
    static Optional<FieldType> bySuffixOf(String camelName) {
        return Arrays.stream(values())
                .filter(t -> camelName.length() > t.suffix.length() && camelName.endsWith(t.suffix))
                .findFirst();
    }

    /** Whether a value is of the kind this type stores. */
    public boolean holds(AttributeValue value) {
        return switch (this) {
            case TXT, STR, URL -> value instanceof AttributeValue.TextValue;
            case NUM -> value instanceof AttributeValue.NumberValue;
            case BOOL -> value instanceof AttributeValue.BooleanValue;
            case DATE -> value instanceof AttributeValue.DateTimeValue;
        };
    }

    /** Reads a caller's text as a value of this type, or says why it is not one. */
    public AttributeValue parseValue(String raw) {
        if (raw == null) {
            throw new InvalidInputException(ErrorCode.REQUIRED_VALUE_MISSING, "a value is required");
        }
        return switch (this) {
            case TXT, STR -> new AttributeValue.TextValue(
                    Text.atMost(Text.checkCharacters(raw), MAX_STRING_LENGTH, ErrorCode.VALUE_TOO_LONG, "the value"));
            case NUM -> number(raw);
            case BOOL -> bool(raw);
            case DATE -> date(raw);
            case URL -> url(raw);
        };
    }

    private static AttributeValue number(String raw) {
        if (!JSON_NUMBER.matcher(raw).matches()) {
            throw new InvalidInputException(ErrorCode.VALUE_NOT_A_NUMBER,
                    "'" + abbreviate(raw) + "' is not a number; write it like 8.5, -3 or 1.2e3");
        }
        BigDecimal number = new BigDecimal(raw);
        if (!Double.isFinite(number.doubleValue())) {
            throw new InvalidInputException(ErrorCode.VALUE_NOT_A_NUMBER,
                    "'" + abbreviate(raw) + "' is too large for a Kustomer number");
        }
        return new AttributeValue.NumberValue(number);
    }

    private static AttributeValue bool(String raw) {
        return switch (raw) {
            case "true" -> new AttributeValue.BooleanValue(true);
            case "false" -> new AttributeValue.BooleanValue(false);
            default -> throw new InvalidInputException(ErrorCode.VALUE_NOT_A_BOOLEAN,
                    "'" + abbreviate(raw) + "' is not a boolean; use true or false");
        };
    }

    /**
     * A calendar date is taken as midnight UTC; a date-time must say its zone, since guessing one would move the
     * instant by hours.
     */
    private static AttributeValue date(String raw) {
        try {
            if (raw.length() == 10) {
                return new AttributeValue.DateTimeValue(LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            Instant instant = OffsetDateTime.parse(raw).toInstant();
            return new AttributeValue.DateTimeValue(instant);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(ErrorCode.VALUE_NOT_A_DATE, "'" + abbreviate(raw)
                    + "' is not a date; use 2024-01-15 or a date-time with a zone such as 2024-01-15T09:30:00Z");
        }
    }

    private static AttributeValue url(String raw) {
        Text.atMost(raw, MAX_STRING_LENGTH, ErrorCode.VALUE_TOO_LONG, "the value");
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme();
            if (uri.getHost() != null && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                return new AttributeValue.TextValue(raw);
            }
        } catch (URISyntaxException e) {
            // reported below, with the same words as a URL of the wrong kind
        }
        throw new InvalidInputException(ErrorCode.VALUE_NOT_A_URL,
                "'" + abbreviate(raw) + "' is not an absolute http(s) URL");
    }

    private static String abbreviate(String raw) {
        return raw.length() <= 40 ? raw : raw.substring(0, 40) + "…";
    }
}
