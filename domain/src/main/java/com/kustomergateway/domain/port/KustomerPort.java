package com.kustomergateway.domain.port;

import com.kustomergateway.domain.operation.DeliveryOutcome;
import com.kustomergateway.domain.operation.KustomerExchange;
import com.kustomergateway.domain.operation.Operation;
import com.kustomergateway.domain.operation.RequestBudget;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Kustomer, as the gateway needs it: a place to deliver changes to. */
public interface KustomerPort {

    /**
     * Makes the operation's change in Kustomer and says how that went. Kustomer's answers, timeouts and network
     * errors all become a {@link DeliveryOutcome}; this never throws for them. Safe to call again for the same
     * operation after an ambiguous failure ({@link Operation#mayHaveReachedKustomer()}): what an earlier call
     * created is found, not created twice. Steps worth remembering across a crash go into {@code journal}. Each
     * request waits for its turn ({@link RequestPacing}); what Kustomer said of its rate limit (a 429 as the
     * outcome, the budget left) comes back in the answer, for the caller to pace every other request by.
     */
    Delivery deliver(Operation operation, DeliveryJournal journal);

    /** Why no delivery can be made at all (for example: no API key is configured), if that is so. */
    Optional<String> unavailableBecause();

    /** An outcome, every request it took to reach it, and what Kustomer's answers said of the budget left. */
    record Delivery(DeliveryOutcome outcome, List<KustomerExchange> exchanges, RequestBudget budget) {
        public Delivery {
            exchanges = List.copyOf(exchanges);
            Objects.requireNonNull(budget, "budget");
        }

        /** A delivery whose answers said nothing of the budget, or that sent no request at all. */
        public Delivery(DeliveryOutcome outcome, List<KustomerExchange> exchanges) {
            this(outcome, exchanges, RequestBudget.unannounced());
        }
    }
}
