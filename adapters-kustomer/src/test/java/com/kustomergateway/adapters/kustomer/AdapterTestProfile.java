package com.kustomergateway.adapters.kustomer;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * This module's test configuration. A profile rather than a test application.properties, because this module's
 * test classes travel to other modules with the stand-in, and a properties file would travel with them.
 */
public class AdapterTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.rest-client.kustomer.url", "${kustomer.base-url}",
                "quarkus.rest-client.kustomer.connect-timeout", "5000",
                // Short, so the slow-answer test needs only a short delay; the stand-in answers in milliseconds.
                "quarkus.rest-client.kustomer.read-timeout", "1500",
                // The rest of the application needs ports this module does not have; the rate gate stays, and with
                // it the relay's pauses, which it pauses through.
                "quarkus.arc.exclude-types", "com.kustomergateway.application.submit.**,"
                        + "com.kustomergateway.application.audit.**,com.kustomergateway.application.repair.**,com.kustomergateway.application.retain.**,DeliveryRelay,Claims,OperationDelivery,"
                        + "OutcomeRecorder,WaitingCallers,OperationTraces",
                // A budget tests never reach, and quick bulk polls.
                "gateway.kustomer.requests-per-minute", "60000",
                "gateway.kustomer.bulk-poll-interval", "20ms",
                "gateway.kustomer.bulk-timeout", "5s");
    }
}
