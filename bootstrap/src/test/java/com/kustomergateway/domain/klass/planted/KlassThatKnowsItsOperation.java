package com.kustomergateway.domain.klass.planted;

import com.kustomergateway.domain.operation.OperationId;

/** A noun that reaches for the outbox on purpose, to show the architecture rules catch it. Test code only. */
public record KlassThatKnowsItsOperation(OperationId operation) {
}
