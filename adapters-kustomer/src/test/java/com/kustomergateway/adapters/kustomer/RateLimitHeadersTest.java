package com.kustomergateway.adapters.kustomer;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitHeadersTest {

    private static final Instant NOW = Instant.parse("2025-05-01T12:00:00Z");

    @Test
    void readsResetAsEpochSeconds() {
        assertThat(RateLimitHeaders.reset("1746100860", NOW)).contains(Instant.parse("2025-05-01T12:01:00Z"));
    }

    @Test
    void readsResetAsEpochMillis() {
        assertThat(RateLimitHeaders.reset("1746100860500", NOW)).contains(Instant.parse("2025-05-01T12:01:00.500Z"));
    }

    @Test
    void readsSmallResetAsSecondsFromNow() {
        assertThat(RateLimitHeaders.reset("42", NOW)).contains(NOW.plusSeconds(42));
    }

    @Test
    void ignoresResetThatIsNotANumber() {
        assertThat(RateLimitHeaders.reset("soon", NOW)).isEmpty();
        assertThat(RateLimitHeaders.reset(null, NOW)).isEmpty();
    }

    @Test
    void readsRetryAfterInSecondsOrAsHttpDate() {
        assertThat(RateLimitHeaders.retryAfter("30", NOW)).contains(NOW.plusSeconds(30));
        assertThat(RateLimitHeaders.retryAfter("Thu, 01 May 2025 12:05:00 GMT", NOW))
                .contains(Instant.parse("2025-05-01T12:05:00Z"));
        assertThat(RateLimitHeaders.retryAfter("whenever", NOW)).isEmpty();
    }

    @Test
    void readsRemainingBudget() {
        assertThat(RateLimitHeaders.remaining(" 0 ")).isEqualTo(OptionalInt.of(0));
        assertThat(RateLimitHeaders.remaining("lots")).isEmpty();
    }
}
