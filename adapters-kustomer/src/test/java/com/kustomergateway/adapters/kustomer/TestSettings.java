package com.kustomergateway.adapters.kustomer;

import com.kustomergateway.application.deliver.Pauses;
import com.kustomergateway.application.deliver.RelaySettings;
import com.kustomergateway.application.pacing.InstanceIdentity;
import com.kustomergateway.application.pacing.PacingSettings;
import com.kustomergateway.application.pacing.RateGate;
import com.kustomergateway.domain.port.DeliveryCoordination;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Settings for an adapter a test builds itself. */
record TestSettings(String baseUrl, Optional<String> apiKey) implements KustomerSettings {

    static TestSettings withKey(String key) {
        return new TestSettings("http://unused", Optional.of(key));
    }

    /** A rate gate of a test's own, pausing {@code shared}: the pause a test causes holds up no other test. */
    static RateGate ownRateGate(DeliveryCoordination shared) {
        PacingSettings pacing = new PacingSettings(60_000, Duration.ofMinutes(1), 120, Duration.ofMinutes(1));
        RelaySettings relay = new RelaySettings(true, 1, Duration.ofSeconds(1), Duration.ofMinutes(1),
                Duration.ofSeconds(30), Duration.ofSeconds(1));
        return new RateGate(pacing, shared, new Pauses(shared, new InstanceIdentity(), relay, pacing),
                Clock.systemUTC());
    }

    /** Quick bulk polls, and attributes declared or not. */
    record Calls(boolean declareAttributes, Duration bulkPollInterval, Duration bulkTimeout)
            implements KustomerCallSettings {

        static Calls bulkTimeout(Duration timeout) {
            return new Calls(true, Duration.ofMillis(20), timeout);
        }

        static Calls declaring(boolean declare) {
            return new Calls(declare, Duration.ofMillis(20), Duration.ofSeconds(5));
        }
    }
}
