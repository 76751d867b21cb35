package com.kustomergateway.application.planted;

import jakarta.persistence.EntityManager;

/**
 * A use case that reads the outbox's rows through Hibernate instead of a port, breaking the rules on purpose to show
 * the architecture rules catch it. Test code only.
 */
public class OutboxRowsInAUseCase {

    long pending(EntityManager entities) {
        return entities.createQuery("select count(*) from OperationRow", Long.class).getSingleResult();
    }
}
