package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.InvalidInputException;
import com.kustomergateway.domain.operation.OperationFilter;
import com.kustomergateway.domain.operation.OperationStatus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperationFilterInputTest {

    @Test
    void noFilterSelectsEveryOperation() {
        assertThat(OperationFilterInput.toFilter(null)).isEqualTo(OperationFilter.ALL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"conversation:conv_1", "customer:cust_abc123", "klass:Customer_Preferences"})
    void aResourceIsReadAsOperationResourceWritesIt(String resource) {
        OperationFilter filter = OperationFilterInput.toFilter(new OperationFilterInput(null, OperationStatus.FAILED,
                resource, Instant.parse("2026-01-01T00:00:00Z"), null));

        assertThat(filter.resource().orElseThrow().toString()).isEqualTo(resource);
        assertThat(filter.status()).contains(OperationStatus.FAILED);
        assertThat(filter.acceptedFrom()).contains(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(filter.acceptedBefore()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"conv_1", "ticket:1", "customer:", ":x", ""})
    void anyOtherResourceIsAnInvalidFilterSayingWhatOneLooksLike(String resource) {
        assertThatThrownBy(() -> OperationFilterInput.toFilter(
                new OperationFilterInput(null, null, resource, null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.code().name()).isEqualTo("INVALID_FILTER"))
                .hasMessageContaining("is not conversation:<id>, customer:<id> or klass:<name>");
    }
}
