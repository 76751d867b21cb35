package com.kustomergateway.domain.port;

import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.KustomerExchange;
import com.kustomergateway.domain.operation.Operation;

import java.util.List;
import java.util.Optional;

/** Kustomer, as the gateway needs it: a place to deliver changes to. */
public interface KustomerPort {

    /**
     * Makes the operation's change in Kustomer and says how that went. Kustomer's answers, timeouts and network
     * errors all become a {@link DeliveryOutcome}; this never throws for them. Safe to call again for the same
     * operation after an ambiguous failure ({@link Operation#mayHaveReachedKustomer()}): what an earlier call
     * created is found, not created twice. Steps worth remembering across a crash go into {@code journal}.
     */
    Delivery deliver(Operation operation, DeliveryJournal journal);

    /** Why no delivery can be made at all (for example: no API key is configured), if that is so. */
    Optional<String> unavailableBecause();

    /** An outcome and every request it took to reach it. */
    record Delivery(DeliveryOutcome outcome, List<KustomerExchange> exchanges) {
        public Delivery {
            exchanges = List.copyOf(exchanges);
        }
    }
}
