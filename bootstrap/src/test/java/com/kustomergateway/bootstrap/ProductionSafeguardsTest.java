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

/** Production never starts unable to deliver, or unable to tell its callers apart; dev mode may, when told to. */
class ProductionSafeguardsTest {

    static final Optional<String> KEY = Optional.of("kustomer-key");
    static final Optional<String> ISSUER = Optional.of("https://login.example.test");
    static final Optional<String> JWKS = Optional.of("https://login.example.test/jwks.json");

    @Test
    void productionStartsWithAnApiKeyAnIssuerAndAVerificationKey() {
        assertThatCode(() -> new ProductionSafeguards(KEY, ISSUER, Optional.empty(), JWKS, true)
                .check(LaunchMode.NORMAL)).doesNotThrowAnyException();
    }

    @Test
    void productionRefusesToStartWithoutAnIssuer() {
        assertThatThrownBy(() -> new ProductionSafeguards(KEY, Optional.of(" "), Optional.empty(), JWKS, true)
                .check(LaunchMode.NORMAL)).hasMessageContaining("MP_JWT_VERIFY_ISSUER");
    }

    @Test
    void productionRefusesToStartWithoutAKeyToVerifyTokensWith() {
        assertThatThrownBy(() -> new ProductionSafeguards(KEY, ISSUER, Optional.empty(), Optional.empty(), true)
                .check(LaunchMode.NORMAL)).hasMessageContaining("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
    }

    @Test
    void productionRefusesToStartOpen() {
        assertThatThrownBy(() -> new ProductionSafeguards(KEY, ISSUER, Optional.empty(), JWKS, false)
                .check(LaunchMode.NORMAL)).hasMessageContaining("QUARKUS_SECURITY_AUTH_ENABLED_IN_DEV_MODE");
    }

    @Test
    void productionRefusesToStartWithoutAnApiKey() {
        assertThatThrownBy(() -> new ProductionSafeguards(Optional.empty(), ISSUER, Optional.empty(), JWKS, true)
                .check(LaunchMode.NORMAL)).hasMessageContaining("KUSTOMER_API_KEY");
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
        Logger logger = Logger.getLogger(ProductionSafeguards.class.getName());
        logger.addHandler(capture);
        try {
            ProductionSafeguards open = new ProductionSafeguards(Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), false);
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
        assertThatCode(() -> new ProductionSafeguards(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), true).check(LaunchMode.DEVELOPMENT)).doesNotThrowAnyException();
    }
}
