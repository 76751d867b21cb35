package com.kustomergateway.domain.attribute;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** The value of one custom attribute, already of the kind Kustomer stores for the attribute's type. */
public sealed interface AttributeValue {

    /** For {@code Str}, {@code Txt} and {@code Url} attributes: a JSON string. */
    record TextValue(String text) implements AttributeValue {
        public TextValue {
            Objects.requireNonNull(text, "text");
        }
    }

    /** For {@code Num} attributes: a JSON number, exactly as the caller wrote it ({@code "8.5"} is 8.5). */
    record NumberValue(BigDecimal number) implements AttributeValue {
        public NumberValue {
            Objects.requireNonNull(number, "number");
        }
    }

    /** For {@code Bool} attributes: a JSON boolean. */
    record BooleanValue(boolean bool) implements AttributeValue {
    }

    /** For {@code At} attributes: an instant, sent as an ISO-8601 date-time in UTC. */
    record DateTimeValue(Instant instant) implements AttributeValue {
        public DateTimeValue {
            Objects.requireNonNull(instant, "instant");
        }
    }
}
