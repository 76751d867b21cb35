package com.kustomergateway.bootstrap;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The seed examples against the packaged gateway: the jar, or with {@code -Dnative} the native executable. */
@QuarkusIntegrationTest
class SeedExamplesIT extends SeedExamplesTest {
}
