package com.kustomergateway.bootstrap;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged gateway publishes its schema and says it is ready. */
@QuarkusIntegrationTest
class ServiceIT extends ServiceTest {
}
