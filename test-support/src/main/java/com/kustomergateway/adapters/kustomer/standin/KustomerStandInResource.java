package com.kustomergateway.adapters.kustomer.standin;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Runs a {@link KustomerStandIn} for a {@code @QuarkusTest}: use
 * {@code @QuarkusTestResource(KustomerStandInResource.class)} and declare
 * {@code @InjectKustomerStandIn KustomerStandIn standIn;} to reach it. Sets {@code kustomer.base-url} to the
 * stand-in and {@code kustomer.api-key} to {@link KustomerStandIn#API_KEY}; the application's
 * {@code quarkus.rest-client.kustomer.url=${kustomer.base-url}} points the client there.
 */
public class KustomerStandInResource implements QuarkusTestResourceLifecycleManager {

    private KustomerStandIn standIn;

    @Override
    public Map<String, String> start() {
        standIn = new KustomerStandIn();
        standIn.start();
        return Map.of("kustomer.base-url", standIn.baseUrl(), "kustomer.api-key", KustomerStandIn.API_KEY);
    }

    @Override
    public void stop() {
        if (standIn != null) {
            standIn.stop();
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(standIn,
                new TestInjector.AnnotatedAndMatchesType(InjectKustomerStandIn.class, KustomerStandIn.class));
    }
}
