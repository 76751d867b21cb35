package com.kustomergateway.bootstrap;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the kept tokens may and may not do, on a clock the test moves. A token is believed without a check only for
 * the TTL after the verifier last accepted it and never past its expiry; what the verifier refuses is refused every
 * time. The end-to-end refusals (forged, expired, unsigned, foreign tokens) are AccessTest's, with this in place.
 */
class VerifiedTokensTest {

    private static final Instant START = Instant.parse("2026-11-27T12:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(60);

    private final MovingClock clock = new MovingClock();
    private final Verifier verifier = new Verifier();
    private final VerifiedTokens tokens = new VerifiedTokens(verifier, clock, TTL, 2);

    @Test
    void aTokenTheVerifierRefusesIsCheckedAndRefusedEveryTime() {
        assertThatThrownBy(() -> tokens.parse("forged")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse("forged")).isInstanceOf(ParseException.class);

        assertThat(verifier.checks("forged")).isEqualTo(2);
    }

    @Test
    void anAcceptedTokenIsBelievedWithoutAnotherCheckWithinTheTtl() throws Exception {
        verifier.accept("good", START.plusSeconds(3_600));

        JsonWebToken first = tokens.parse("good");
        clock.advance(TTL.minusSeconds(1));
        JsonWebToken again = tokens.parse("good");

        assertThat(again).isSameAs(first);
        assertThat(verifier.checks("good")).isEqualTo(1);
    }

    @Test
    void aRevokedKeyStopsWorkingOnceTheTtlHasPassed() throws Exception {
        verifier.accept("good", START.plusSeconds(3_600));
        tokens.parse("good");

        verifier.revoke("good");
        clock.advance(TTL.minusSeconds(1));
        tokens.parse("good");
        clock.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> tokens.parse("good")).isInstanceOf(ParseException.class);
        assertThat(verifier.checks("good")).isEqualTo(2);
    }

    @Test
    void aTokenIsNeverBelievedPastItsExpiry() throws Exception {
        verifier.accept("short-lived", START.plusSeconds(10));
        tokens.parse("short-lived");

        clock.advance(Duration.ofSeconds(10));

        assertThatThrownBy(() -> tokens.parse("short-lived")).isInstanceOf(ParseException.class);
    }

    @Test
    void pastItsCapacityANewTokenIsCheckedEveryTimeUntilAKeptOneLapses() throws Exception {
        for (String token : new String[] {"a", "b", "c"}) {
            verifier.accept(token, START.plusSeconds(3_600));
        }
        tokens.parse("a");
        tokens.parse("b");
        tokens.parse("c");
        tokens.parse("c");
        assertThat(verifier.checks("c")).isEqualTo(2);

        clock.advance(TTL);
        tokens.parse("c");
        tokens.parse("c");

        assertThat(verifier.checks("c")).isEqualTo(3);
    }

    @Test
    void aTtlOfZeroChecksEveryCall() throws Exception {
        VerifiedTokens uncached = new VerifiedTokens(verifier, clock, Duration.ZERO, 2);
        verifier.accept("good", START.plusSeconds(3_600));

        uncached.parse("good");
        uncached.parse("good");

        assertThat(verifier.checks("good")).isEqualTo(2);
    }

    /** The verifier as the test wants it: it accepts the tokens it was told to, until its expiry, and counts checks. */
    private final class Verifier extends DefaultJWTParser {
        private final Map<String, Instant> accepted = new HashMap<>();
        private final Map<String, Integer> checks = new HashMap<>();
        private final Set<String> revoked = new HashSet<>();

        void accept(String token, Instant expires) {
            accepted.put(token, expires);
        }

        void revoke(String token) {
            revoked.add(token);
        }

        int checks(String token) {
            return checks.getOrDefault(token, 0);
        }

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            checks.merge(token, 1, Integer::sum);
            Instant expires = accepted.get(token);
            if (expires == null || revoked.contains(token) || !clock.instant().isBefore(expires)) {
                throw new ParseException("refused");
            }
            return new Token(expires.getEpochSecond());
        }
    }

    private record Token(long exp) implements JsonWebToken {
        @Override
        public String getName() {
            return "caller";
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of("exp");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            return "exp".equals(claimName) ? (T) Long.valueOf(exp) : null;
        }
    }

    private static final class MovingClock extends Clock {
        private Instant now = START;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
