package com.kustomergateway.adapters.graphql;

import graphql.ExecutionInput;
import graphql.GraphqlErrorBuilder;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

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

    @Test
    void theDoorKnowsADocumentByItsExactText() {
        cache.shape("{ a }");
        cache.shape("{a}");
        cache.shape("{ a }");

        assertThat(cache.reads()).isEqualTo(2);
    }

    /** What graphql-java hands the provider: its own parse and validation, counted here. */
    private final AtomicInteger validated = new AtomicInteger();

    private final Function<ExecutionInput, PreparsedDocumentEntry> valid = input -> {
        validated.incrementAndGet();
        return new PreparsedDocumentEntry(Parser.parse(input.getQuery()));
    };

    private final Function<ExecutionInput, PreparsedDocumentEntry> invalid = input -> {
        validated.incrementAndGet();
        return new PreparsedDocumentEntry(List.of(GraphqlErrorBuilder.newError()
                .message("Validation error: field 'nope' is not in type 'Query'").build()));
    };

    private PreparsedDocumentEntry execute(String query, Function<ExecutionInput, PreparsedDocumentEntry> parse) {
        return cache.getDocumentAsync(ExecutionInput.newExecutionInput(query).build(), parse).join();
    }

    @Test
    void executionParsesAndValidatesAQueryOnce() {
        PreparsedDocumentEntry first = execute("{ deliveryStatus { state } }", valid);
        PreparsedDocumentEntry again = execute("{ deliveryStatus { state } }", valid);

        assertThat(again).isSameAs(first);
        assertThat(first.hasErrors()).isFalse();
        assertThat(validated).hasValue(1);
    }

    @Test
    void executionKnowsADocumentByItsExactText() {
        execute("{ a }", valid);
        execute("{a}", valid);
        execute("{ a }", valid);
        execute("{ a }\n", valid);

        assertThat(validated).hasValue(3);
    }

    @Test
    void aDocumentThatFailsValidationIsValidatedEachTimeAndStillFails() {
        PreparsedDocumentEntry first = execute("{ nope }", invalid);
        PreparsedDocumentEntry again = execute("{ nope }", invalid);

        assertThat(first.hasErrors()).isTrue();
        assertThat(again.getErrors()).extracting(e -> e.getMessage())
                .containsExactly("Validation error: field 'nope' is not in type 'Query'");
        assertThat(validated).hasValue(2);
        // Nor is it remembered as invalid: once the same text validates, it is kept like any other.
        assertThat(execute("{ nope }", valid).hasErrors()).isFalse();
        execute("{ nope }", invalid);
        assertThat(validated).hasValue(3);
    }

    @Test
    void executionKeepsOnlyTheMostRecentlyUsedDocuments() {
        execute("{ a }", valid);
        execute("{ b }", valid);
        execute("{ a }", valid);
        execute("{ c }", valid);
        execute("{ a }", valid);
        execute("{ b }", valid);

        assertThat(validated).hasValue(4);
    }

    @Test
    void queriesLongerThanTheLimitAreReadEachTime() {
        String longQuery = "{ a " + " ".repeat(DocumentCache.MAX_CACHED_QUERY_LENGTH) + "}";

        execute(longQuery, valid);
        execute(longQuery, valid);
        cache.shape(longQuery);
        cache.shape(longQuery);

        assertThat(validated).hasValue(2);
        assertThat(cache.reads()).isEqualTo(2);
    }
}
