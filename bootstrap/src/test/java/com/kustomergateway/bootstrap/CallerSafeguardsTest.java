package com.kustomergateway.bootstrap;

import io.quarkus.runtime.LaunchMode;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Production never starts unable to tell its callers apart, nor open; dev mode may run open, when told to. */
class CallerSafeguardsTest {

    static final Optional<String> ISSUER = Optional.of("https://login.example.test");
    static final Optional<String> JWKS = Optional.of("https://login.example.test/jwks.json");

    @Test
    void productionStartsWithAnIssuerAndAVerificationKey() {
        assertThatCode(() -> new CallerSafeguards(ISSUER, Optional.empty(), JWKS, true)
                .check(LaunchMode.NORMAL)).doesNotThrowAnyException();
    }

    @Test
    void productionRefusesToStartWithoutAnIssuer() {
        assertThatThrownBy(() -> new CallerSafeguards(Optional.of(" "), Optional.empty(), JWKS, true)
                .check(LaunchMode.NORMAL)).hasMessageContaining("MP_JWT_VERIFY_ISSUER");
    }

    @Test
    void productionRefusesToStartWithoutAKeyToVerifyTokensWith() {
        assertThatThrownBy(() -> new CallerSafeguards(ISSUER, Optional.empty(), Optional.empty(), true)
                .check(LaunchMode.NORMAL)).hasMessageContaining("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
    }

    @Test
    void productionRefusesToStartOpen() {
        assertThatThrownBy(() -> new CallerSafeguards(ISSUER, Optional.empty(), JWKS, false)
                .check(LaunchMode.NORMAL)).hasMessageContaining("QUARKUS_SECURITY_AUTH_ENABLED_IN_DEV_MODE");
    }

    @Test
    void devModeMayRunOpenAndSaysSoAtWarnOnEveryStart() {
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(CallerSafeguards.class.getName());
        logger.addHandler(capture);
        try {
            CallerSafeguards open = new CallerSafeguards(Optional.empty(), Optional.empty(), Optional.empty(), false);
            open.check(LaunchMode.DEVELOPMENT);
            open.check(LaunchMode.DEVELOPMENT);
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(records).hasSize(2).allSatisfy(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(record.getMessage()).contains("OPEN GATEWAY");
        });
    }

    @Test
    void devModeIsClosedUnlessToldOtherwise() {
        assertThatCode(() -> new CallerSafeguards(Optional.empty(), Optional.empty(), Optional.empty(), true)
                .check(LaunchMode.DEVELOPMENT)).doesNotThrowAnyException();
    }
}
