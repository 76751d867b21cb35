package com.kustomergateway.dev;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Optional;

/**
 * Once per dev mode (not again on each live reload), where dev mode trusts the demo key: a token to call with, the
 * header the GraphQL UI takes, and a {@code curl} line that works as printed.
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class DevModeGreeting {

    private static final Logger LOG = Logger.getLogger(DevModeGreeting.class);
    private static final String GREETED = "kustomer-gateway.dev-mode.greeted";

    static final String FIRST_MUTATION = "mutation { updateCustomerData(customerId: \\\"cust_abc123\\\", "
            + "personalizationData: [{key: \\\"loyalty_tier\\\", value: \\\"gold\\\"}]) "
            + "{ success customerId operationId status } }";

    private final Optional<String> issuer;
    private final int port;
    private final Clock clock;

    public DevModeGreeting(@ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port, Clock clock) {
        this.issuer = issuer;
        this.port = port;
        this.clock = clock;
    }

    void greet(@Observes StartupEvent event) {
        DevCallers callers = DevCallers.demo();
        if (!issuer.filter(callers.issuer()::equals).isPresent() || System.getProperty(GREETED) != null) {
            return;
        }
        System.setProperty(GREETED, "true");
        LOG.info(greeting(callers.token(clock.instant()), port));
    }

    static String greeting(String token, int port) {
        return "Dev mode trusts the demo key (tools/demo-token). A token with every role, valid "
                + DevCallers.VALIDITY.toHours() + " hours:\n"
                + "Authorization: Bearer " + token + "\n"
                + "GraphQL UI: http://localhost:" + port + "/q/graphql-ui (paste {\"Authorization\": \"Bearer ...\"} "
                + "into its Headers pane). A first mutation:\n"
                + "curl -s localhost:" + port + "/graphql -H 'Content-Type: application/json' "
                + "-H 'Authorization: Bearer " + token + "' -d '{\"query\": \"" + FIRST_MUTATION + "\"}'";
    }
}
