package com.kustomergateway.adapters.kustomer;

import java.time.Duration;
import java.util.Optional;

/** Settings for an adapter a test builds itself. */
record TestSettings(String baseUrl, Optional<String> apiKey) implements KustomerSettings {

    static TestSettings withKey(String key) {
        return new TestSettings("http://unused", Optional.of(key));
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
