package com.kustomergateway.domain.planted;

import io.quarkus.runtime.LaunchMode;

/** A domain class that breaks the rules on purpose, to show the architecture rules catch it. Test code only. */
public record LeakyValue(LaunchMode mode) {
}
