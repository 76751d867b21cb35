package com.kustomergateway.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's callers, as their identity provider would sign them in: an RSA key pair made for this test run
 * (nothing private is committed), the gateway told to trust its public half and {@link #ISSUER}, and tokens signed
 * with the private half. The pair lives in system properties so that the test resource and the tests, which
 * Quarkus may load through different class loaders, sign and verify with the same key.
 */
public class Callers implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://login.example.test/kustomer-gateway";

    private static final String PRIVATE_KEY = "kustomer-gateway.test.jwt.private-key";
    private static final String PUBLIC_KEY = "kustomer-gateway.test.jwt.public-key";

    @Override
    public Map<String, String> start() {
        keys();
        return Map.of("mp.jwt.verify.issuer", ISSUER,
                "mp.jwt.verify.publickey", System.getProperty(PUBLIC_KEY));
    }

    @Override
    public void stop() {
    }

    /** Signed by the trusted issuer, valid for an hour, holding {@code roles} in its groups claim. */
    public static String token(String... roles) {
        return claims(roles).sign(privateKey());
    }

    /** A caller holding every role: what the end-to-end tests of other concerns call with. */
    public static String everyRole() {
        return token("gateway-writer", "gateway-auditor", "gateway-admin");
    }

    /** The PEM the gateway verifies tokens with ({@code mp.jwt.verify.publickey}). */
    public static String publicKey() {
        keys();
        return System.getProperty(PUBLIC_KEY);
    }

    public static JwtClaimsBuilder claims(String... roles) {
        return Jwt.issuer(ISSUER).subject("test-caller").groups(Set.of(roles))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(3_600));
    }

    /** A key pair the gateway has never heard of, to sign forged tokens with. */
    public static PrivateKey strangersKey() {
        return newKeyPair().getPrivate();
    }

    public static PrivateKey privateKey() {
        keys();
        try {
            byte[] encoded = Base64.getDecoder().decode(System.getProperty(PRIVATE_KEY));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token ({@code alg: none}) claiming every role. */
    public static String unsigned() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
        String payload = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"test-caller\",\"iat\":" + now + ",\"exp\":"
                + (now + 3_600) + ",\"groups\":[\"gateway-writer\",\"gateway-auditor\",\"gateway-admin\"]}";
        return base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static synchronized void keys() {
        if (System.getProperty(PRIVATE_KEY) != null) {
            return;
        }
        KeyPair pair = newKeyPair();
        Base64.Encoder base64 = Base64.getEncoder();
        System.setProperty(PRIVATE_KEY, base64.encodeToString(pair.getPrivate().getEncoded()));
        System.setProperty(PUBLIC_KEY, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----");
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
