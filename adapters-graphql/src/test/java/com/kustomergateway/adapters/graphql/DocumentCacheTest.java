package com.kustomergateway.adapters.graphql;

import graphql.parser.InvalidSyntaxException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentCacheTest {

    final DocumentCache cache = new DocumentCache(PersistedQueriesTest.settings(2, null));

    @Test
    void aQuerySentAgainIsNotReadAgain() {
        DocumentCache.Shape first = cache.shape("{ deliveryStatus { state } }");
        DocumentCache.Shape again = cache.shape("{ deliveryStatus { state } }");

        assertThat(again).isSameAs(first);
        assertThat(cache.reads()).isEqualTo(1);
        assertThat(first.cost()).isEqualTo(new DocumentCost(2, 2, 0));
    }

    @Test
    void keepsOnlyTheMostRecentlyUsedDocuments() {
        cache.shape("{ a }");
        cache.shape("{ b }");
        cache.shape("{ a }");
        cache.shape("{ c }");
        cache.shape("{ a }");
        cache.shape("{ b }");

        assertThat(cache.reads()).isEqualTo(4);
    }

    @Test
    void whatIsNotGraphQLIsNotKept() {
        assertThatThrownBy(() -> cache.shape("{ broken")).isInstanceOf(InvalidSyntaxException.class);
        assertThatThrownBy(() -> cache.shape("{ broken")).isInstanceOf(InvalidSyntaxException.class);
        assertThat(cache.reads()).isEqualTo(2);
    }

    @Test
    void aRequestRunsTheOperationItNamesOrTheDocumentsOnlyOne() {
        DocumentCache.Shape one = cache.shape("query Status { deliveryStatus { state } }");
        DocumentCache.Shape two = cache.shape("query A { a } mutation B { b }");

        assertThat(one.operation(null).orElseThrow().getName()).isEqualTo("Status");
        assertThat(one.operation("").orElseThrow().getName()).isEqualTo("Status");
        assertThat(two.operation(null)).isEmpty();
        assertThat(two.operation("B").orElseThrow().getOperation().name()).isEqualTo("MUTATION");
        assertThat(two.operation("C")).isEmpty();
    }

    @Test
    void aCacheOfNoDocumentsIsRefused() {
        assertThatThrownBy(() -> new DocumentCache(PersistedQueriesTest.settings(0, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gateway.graphql.document-cache-size must be at least 1");
    }
}
