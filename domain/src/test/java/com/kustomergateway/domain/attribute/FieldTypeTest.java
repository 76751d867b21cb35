package com.kustomergateway.domain.attribute;

import com.kustomergateway.domain.ErrorCode;
import com.kustomergateway.domain.InvalidInputException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldTypeTest {

    @Test
    void theSeedsFieldTypeNamesAreKnown() {
        assertThat(FieldType.parse("txt")).isEqualTo(FieldType.TXT);
        assertThat(FieldType.parse("str")).isEqualTo(FieldType.STR);
        assertThat(FieldType.parse("num")).isEqualTo(FieldType.NUM);
        assertThat(FieldType.parse("bool")).isEqualTo(FieldType.BOOL);
        assertThat(FieldType.parse("date")).isEqualTo(FieldType.DATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"number", "STR", "", "string", "datetime"})
    void otherFieldTypeNamesAreRefused(String name) {
        assertCode(() -> FieldType.parse(name), ErrorCode.INVALID_FIELD_TYPE);
    }

    @ParameterizedTest
    @CsvSource({"8.5, 8.5", "-3, -3", "0, 0", "1.20, 1.20", "1e3, 1E+3", "2.5E-2, 0.025"})
    void numbersAreReadExactly(String raw, String expected) {
        assertThat(FieldType.NUM.parseValue(raw))
                .isEqualTo(new AttributeValue.NumberValue(new BigDecimal(raw)))
                .extracting(v -> ((AttributeValue.NumberValue) v).number())
                .matches(n -> n.compareTo(new BigDecimal(expected)) == 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8,5", "0x10", "NaN", "Infinity", "1e309", "-1e309", "", " 8", "+8", "08", "8.", ".5", "eight"})
    void textThatIsNotAJsonNumberIsNotANumber(String raw) {
        assertCode(() -> FieldType.NUM.parseValue(raw), ErrorCode.VALUE_NOT_A_NUMBER);
    }

    @Test
    void booleansAreExactlyTrueOrFalse() {
        assertThat(FieldType.BOOL.parseValue("true")).isEqualTo(new AttributeValue.BooleanValue(true));
        assertThat(FieldType.BOOL.parseValue("false")).isEqualTo(new AttributeValue.BooleanValue(false));
        for (String raw : new String[] {"yes", "TRUE", "1", "True", ""}) {
            assertCode(() -> FieldType.BOOL.parseValue(raw), ErrorCode.VALUE_NOT_A_BOOLEAN);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "2024-01-15, 2024-01-15T00:00:00Z",
            "2024-01-15T09:30:00Z, 2024-01-15T09:30:00Z",
            "2024-01-15T09:30:00+02:00, 2024-01-15T07:30:00Z",
            "2024-02-29, 2024-02-29T00:00:00Z"})
    void datesBecomeInstantsInUtc(String raw, String instant) {
        assertThat(FieldType.DATE.parseValue(raw)).isEqualTo(new AttributeValue.DateTimeValue(Instant.parse(instant)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-30", "15/01/2024", "2023-02-29", "2024-01-15T09:30:00", "2024-13-01", "yesterday", ""})
    void impossibleOrZonelessDatesAreRefused(String raw) {
        assertCode(() -> FieldType.DATE.parseValue(raw), ErrorCode.VALUE_NOT_A_DATE);
    }

    @Test
    void stringsHoldAtMost1024Characters() {
        assertThat(FieldType.STR.parseValue("é".repeat(1024))).isEqualTo(new AttributeValue.TextValue("é".repeat(1024)));
        assertThat(FieldType.STR.parseValue("🙂".repeat(1024))).isEqualTo(new AttributeValue.TextValue("🙂".repeat(1024)));
        assertCode(() -> FieldType.STR.parseValue("x".repeat(1025)), ErrorCode.VALUE_TOO_LONG);
    }

    @Test
    void controlCharactersAreRefusedButLineBreaksAreText() {
        assertCode(() -> FieldType.STR.parseValue("a\u0000b"), ErrorCode.INVALID_CHARACTERS);
        assertCode(() -> FieldType.TXT.parseValue("bell\u0007"), ErrorCode.INVALID_CHARACTERS);
        assertThat(FieldType.TXT.parseValue("line\nnext\ttab")).isEqualTo(new AttributeValue.TextValue("line\nnext\ttab"));
    }

    @Test
    void urlsAreAbsoluteHttp() {
        assertThat(FieldType.URL.parseValue("https://example.com/a?b=c"))
                .isEqualTo(new AttributeValue.TextValue("https://example.com/a?b=c"));
        assertCode(() -> FieldType.URL.parseValue("javascript:alert(1)"), ErrorCode.VALUE_NOT_A_URL);
        assertCode(() -> FieldType.URL.parseValue("/relative"), ErrorCode.VALUE_NOT_A_URL);
    }

    static void assertCode(Runnable action, ErrorCode code) {
        assertThatThrownBy(action::run)
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code())
                .isEqualTo(code);
    }
}
