package com.kustomergateway.bootstrap;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;

/**
 * Callers' tokens, checked once and then believed for a while. Checking a bearer token (its RSA signature, then its
 * claims) cost about a sixth of the gateway's CPU per mutation (bench/PROFILE.md), and a frontend sends the same
 * token with every call until it expires. So a token the verifier (SmallRye JWT's, with every rule of
 * {@code mp.jwt.verify.*}) has accepted is kept, keyed by its exact text, until {@code gateway.auth.verified-token-ttl}
 * has passed or the token expires, whichever comes first; after that it is checked again. A token the verifier
 * refuses is never kept, so a forged, altered, unsigned, expired or foreign token is checked, and refused, every
 * time. What this costs: a key the identity provider revokes stops working here at most
 * {@code verified-token-ttl} after the verifier stops accepting it. At most
 * {@code gateway.auth.verified-token-cache-size} tokens are kept; past that, new ones are checked every time until
 * kept ones lapse.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    private record Verified(JsonWebToken token, Instant until) {
    }

    private final JWTParser verifier;
    private final Clock clock;
    private final Duration ttl;
    private final int capacity;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    @Inject
    public VerifiedTokens(DefaultJWTParser verifier, Clock clock, CallerSettings settings) {
        this(verifier, clock, settings.verifiedTokenTtl(), settings.verifiedTokenCacheSize());
    }

    VerifiedTokens(JWTParser verifier, Clock clock, Duration ttl, int capacity) {
        this.verifier = verifier;
        this.clock = clock;
        this.ttl = ttl;
        this.capacity = capacity;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        Instant now = clock.instant();
        Verified known = verified.get(token);
        if (known != null) {
            if (now.isBefore(known.until())) {
                return known.token();
            }
            verified.remove(token, known);
        }
        JsonWebToken checked = verifier.parse(token);
        keep(token, checked, now);
        return checked;
    }

    private void keep(String token, JsonWebToken checked, Instant now) {
        Instant until = now.plus(ttl);
        if (checked.getExpirationTime() > 0) {
            Instant expires = Instant.ofEpochSecond(checked.getExpirationTime());
            until = expires.isBefore(until) ? expires : until;
        }
        if (!now.isBefore(until)) {
            return;
        }
        if (verified.size() >= capacity) {
            verified.values().removeIf(kept -> !now.isBefore(kept.until()));
        }
        if (verified.size() < capacity) {
            verified.put(token, new Verified(checked, until));
        }
    }

    // Everything else is the verifier's own: the gateway only ever asks parse(token).

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
