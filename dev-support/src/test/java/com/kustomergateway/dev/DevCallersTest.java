package com.kustomergateway.dev;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DevCallersTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @TempDir
    Path home;

    @Test
    void makesTheDemoKeyOnFirstUseReadableOnlyByItsOwner() throws Exception {
        Path keys = home.resolve("demo");
        String publicKey = new DevCallers(keys, "kustomer-gateway-demo").publicKey();

        assertThat(Files.readString(keys.resolve("private.pem"))).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Files.readString(keys.resolve("public.pem"))).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("private.pem"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
        assertThat(publicKey).doesNotContain("-----", "\n").isNotBlank();
    }

    @Test
    void keepsTheKeyItFoundSoEarlierTokensStayValid() {
        Path keys = home.resolve("demo");
        String first = new DevCallers(keys, "kustomer-gateway-demo").publicKey();

        assertThat(new DevCallers(keys, "kustomer-gateway-demo").publicKey()).isEqualTo(first);
    }

    @Test
    void signsATokenWithEveryRoleForEightHoursThatItsPublicKeyVerifies() throws Exception {
        DevCallers callers = new DevCallers(home.resolve("demo"), "kustomer-gateway-demo");

        String[] token = callers.token(NOW).split("\\.");

        assertThat(verifies(callers.publicKey(), token)).isTrue();
        assertThat(decode(token[0])).isEqualTo("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        assertThat(decode(token[1])).isEqualTo("{\"iss\":\"kustomer-gateway-demo\",\"sub\":\"demo\",\"upn\":\"demo\","
                + "\"groups\":[\"gateway-writer\",\"gateway-auditor\",\"gateway-admin\"],"
                + "\"iat\":" + NOW.getEpochSecond() + ",\"exp\":" + (NOW.getEpochSecond() + 8 * 3600) + "}");
    }

    /** tools/demo-token and dev mode share one key: each one's tokens are good for the other. */
    @Test
    void sharesItsKeyWithToolsDemoToken() throws Exception {
        Path keys = home.resolve("demo");
        DevCallers callers = new DevCallers(keys, "kustomer-gateway-demo");
        String javaMadeKey = callers.publicKey();

        assertThat(demoToken(keys, "--public-key")).isEqualTo(javaMadeKey);
        assertThat(verifies(javaMadeKey, demoToken(keys).split("\\."))).isTrue();

        Path toolMadeKeys = home.resolve("made-by-the-tool");
        String toolsToken = demoToken(toolMadeKeys);
        DevCallers reading = new DevCallers(toolMadeKeys, "kustomer-gateway-demo");
        assertThat(verifies(reading.publicKey(), toolsToken.split("\\."))).isTrue();
        assertThat(verifies(demoToken(toolMadeKeys, "--public-key"), reading.token(NOW).split("\\."))).isTrue();
    }

    private static boolean verifies(String publicKey, String[] token) throws Exception {
        PublicKey key = KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((token[0] + "." + token[1]).getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(token[2]));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static String demoToken(Path keys, String... arguments) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", Path.of("..", "tools", "demo-token").toString());
        builder.command().addAll(java.util.List.of(arguments));
        builder.environment().put("DEMO_KEYS", keys.toString());
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
