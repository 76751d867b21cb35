package com.kustomergateway.adapters.kustomer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BulkResultsTest {

    private static final List<String> EXTERNAL_IDS = List.of("kgw-1-0", "kgw-1-1");

    @Test
    void ordersIdsByExternalIdWhateverOrderKustomerListsThem() {
        BulkResults results = BulkResults.from("{\"data\":[{\"attributes\":{\"results\":["
                + "{\"id\":\"b\",\"externalId\":\"kgw-1-1\"},{\"data\":{\"id\":\"a\"},\"externalId\":\"kgw-1-0\"}]}}]}");

        assertThat(results.idsFor(EXTERNAL_IDS)).contains(List.of("a", "b"));
        assertThat(results.failures()).isEmpty();
    }

    @Test
    void takesObjectIdsInOrderWhenKustomerNamesNoExternalIds() {
        BulkResults results = BulkResults.from("{\"data\":[{\"attributes\":{\"objectIds\":[\"a\"]}},"
                + "{\"attributes\":{\"objectIds\":[\"b\"]}}]}");

        assertThat(results.idsFor(EXTERNAL_IDS)).contains(List.of("a", "b"));
    }

    @Test
    void readsABatchGivenAsOneObject() {
        BulkResults results = BulkResults.from("{\"data\":{\"attributes\":{\"ids\":[\"a\",\"b\"]}}}");

        assertThat(results.idsFor(EXTERNAL_IDS)).contains(List.of("a", "b"));
    }

    @Test
    void countsItemsWithAnErrorOrAFailedStatusOrNoIdAsFailed() {
        BulkResults results = BulkResults.from("{\"data\":[{\"attributes\":{\"results\":["
                + "{\"externalId\":\"kgw-1-0\",\"error\":\"title is required\"},"
                + "{\"externalId\":\"kgw-1-1\",\"status\":\"failed\"},"
                + "{\"externalId\":\"kgw-1-2\"},"
                + "{\"id\":\"d\",\"externalId\":\"kgw-1-3\",\"errors\":[{\"message\":\"duplicate\"}]}]}}]}");

        assertThat(results.failures()).containsExactly("kgw-1-0: title is required", "kgw-1-1: failed",
                "kgw-1-2: no id in Kustomer's result", "kgw-1-3: duplicate");
        assertThat(results.createdCount()).isZero();
    }

    @Test
    void cannotMatchIdsWhenKustomerReportsFewerThanWereSent() {
        assertThat(BulkResults.from("{\"data\":[{\"attributes\":{\"objectIds\":[\"a\"]}}]}").idsFor(EXTERNAL_IDS))
                .isEmpty();
    }
}
