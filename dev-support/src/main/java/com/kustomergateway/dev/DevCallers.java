package com.kustomergateway.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Dev mode's callers, without an identity provider: dev mode trusts the demo key that {@code tools/demo-token} signs
 * with (the same files, made here on first use if missing) and hands out a token signed with it. Dev mode keeps
 * checking tokens and roles exactly as production does; only the issuer is a local one.
 *
 * <p>The key pair lives in {@code $DEMO_KEYS} (default {@code ~/.kustomer-gateway-demo}), never in the repository:
 * whoever holds it can call any gateway that trusts it. The issuer is {@code $DEMO_ISSUER} (default
 * {@value #DEFAULT_ISSUER}); both as {@code tools/demo-token} reads them.
 */
public final class DevCallers {

    static final String DEFAULT_ISSUER = "kustomer-gateway-demo";
    static final List<String> ROLES = List.of("gateway-writer", "gateway-auditor", "gateway-admin");
    static final Duration VALIDITY = Duration.ofHours(8);

    private final Path keys;
    private final String issuer;

    DevCallers(Path keys, String issuer) {
        this.keys = keys;
        this.issuer = issuer;
    }

    /** As {@code tools/demo-token} has them: in {@code $HOME} (Java's user.home comes from the password database). */
    public static DevCallers demo() {
        String home = Optional.ofNullable(System.getenv("HOME")).filter(h -> !h.isBlank())
                .orElse(System.getProperty("user.home"));
        Path keys = Optional.ofNullable(System.getenv("DEMO_KEYS")).filter(k -> !k.isBlank()).map(Path::of)
                .orElse(Path.of(home, ".kustomer-gateway-demo"));
        String issuer = Optional.ofNullable(System.getenv("DEMO_ISSUER")).filter(i -> !i.isBlank())
                .orElse(DEFAULT_ISSUER);
        return new DevCallers(keys, issuer);
    }

    /** The issuer its tokens name, for {@code mp.jwt.verify.issuer}. */
    public String issuer() {
        return issuer;
    }

    /** The public key, as {@code mp.jwt.verify.publickey} takes it: the PEM's body on one line. */
    public String publicKey() {
        ensureKeyPair();
        return pemBody(keys.resolve("public.pem"));
    }

    /** A bearer token holding every role of the gateway, valid for {@link #VALIDITY} from {@code now}. */
    public String token(Instant now) {
        ensureKeyPair();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String groups = ROLES.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
        String payload = "{\"iss\":\"" + issuer.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"sub\":\"demo\",\"upn\":\"demo\",\"groups\":[" + groups + "],\"iat\":" + now.getEpochSecond()
                + ",\"exp\":" + now.plus(VALIDITY).getEpochSecond() + "}";
        String signed = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(privateKey());
            rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + base64Url(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the demo key in " + keys, e);
        }
    }

    private PrivateKey privateKey() throws GeneralSecurityException {
        byte[] pkcs8 = Base64.getDecoder().decode(pemBody(keys.resolve("private.pem")));
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    /** The files {@code openssl genpkey} and {@code openssl pkey -pubout} write: PKCS#8 and SubjectPublicKeyInfo. */
    private synchronized void ensureKeyPair() {
        if (Files.exists(keys.resolve("private.pem"))) {
            return;
        }
        try {
            Files.createDirectories(keys);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (posix) {
                Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwx------"));
            }
            Path privatePem = keys.resolve("private.pem.partial");
            Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            if (posix) {
                Files.setPosixFilePermissions(privatePem, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(keys.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.move(privatePem, keys.resolve("private.pem"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the demo key in " + keys, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String pemBody(Path pem) {
        try {
            return Files.readAllLines(pem).stream().filter(line -> !line.startsWith("-----"))
                    .collect(Collectors.joining()).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pem, e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
