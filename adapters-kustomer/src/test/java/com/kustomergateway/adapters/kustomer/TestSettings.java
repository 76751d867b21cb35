package com.kustomergateway.adapters.kustomer;

import java.util.Optional;

/** Settings for an adapter a test builds itself. */
record TestSettings(String baseUrl, Optional<String> apiKey) implements KustomerSettings {

    static TestSettings withKey(String key) {
        return new TestSettings("http://unused", Optional.of(key));
    }
}
