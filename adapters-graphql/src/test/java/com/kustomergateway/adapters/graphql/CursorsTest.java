package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.operation.ListingPosition;
import com.kustomergateway.domain.operation.OperationId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorsTest {

    static final OperationId ID = OperationId.parse("0b9c3d58-52d4-4b5e-9a51-7d0fd6f2c2a1").orElseThrow();

    @Test
    void aCursorLeadsBackToThePositionItWasMadeFrom() {
        ListingPosition position = new ListingPosition(Instant.parse("2026-01-15T09:30:00.123456Z"), ID);

        assertThat(Cursors.parse(Cursors.of(position))).isEqualTo(position);
    }

    @Test
    void keepsMicrosecondsTheDatabasesPrecisionAndDropsWhatIsFiner() {
        ListingPosition position = new ListingPosition(Instant.parse("2026-01-15T09:30:00.123456789Z"), ID);

        assertThat(Cursors.parse(Cursors.of(position)).acceptedAt())
                .isEqualTo(Instant.parse("2026-01-15T09:30:00.123456Z"));
    }

    @Test
    void isOpaqueAndSafeInAUrl() {
        String cursor = Cursors.of(new ListingPosition(Instant.parse("2026-01-15T09:30:00Z"), ID));

        assertThat(cursor).matches("[A-Za-z0-9_-]+").doesNotContain(ID.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a cursor", "bzE6MTc2", "%%%"})
    void anythingThisGatewayDidNotMakeIsAnInvalidCursor(String cursor) {
        assertThatThrownBy(() -> Cursors.parse(cursor))
                .isInstanceOfSatisfying(GatewayError.class, e -> assertThat(e.code()).isEqualTo("INVALID_CURSOR"))
                .hasMessageContaining("is not a cursor of this listing; pass an endCursor from an earlier page");
    }

    @Test
    void aCursorOfAnotherVersionOrWithABrokenIdIsInvalid() {
        for (String inside : new String[] {"o2:1:" + ID, "o1:1:not-an-id", "o1:x:" + ID, "o1:1"}) {
            String cursor = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(inside.getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> Cursors.parse(cursor)).as(inside).isInstanceOf(GatewayError.class);
        }
    }
}
