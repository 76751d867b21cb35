package com.kustomergateway.adapters.graphql;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.AstPrinter;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * GraphQL documents the gateway has read, by query text, so that a query a frontend sends again and again is read
 * once per process: the door ({@link Admission}) keeps what it measures of a document ({@link Shape}), GraphQL
 * execution keeps the parsed and validated document (graphql-java's {@link PreparsedDocumentProvider}, installed
 * by {@link DocumentCacheInstaller}). Invalid documents are not kept, so a caller cannot fill it with garbage.
 *
 * <p>Bounded twice: at most {@code gateway.graphql.document-cache-size} documents, least recently used first out,
 * and only queries up to {@link #MAX_CACHED_QUERY_LENGTH} characters; longer ones carry their data inline, are
 * rarely sent twice, and are read each time.
 */
@ApplicationScoped
public class DocumentCache implements PreparsedDocumentProvider {

    /** Real queries with variables are a few hundred characters; the longest of this gateway's own, about 600. */
    static final int MAX_CACHED_QUERY_LENGTH = 10_000;

    /** What the door knows of a document once it has read it. */
    record Shape(DocumentCost cost, List<OperationDefinition> operations, String canonical) {

        /** The operation a request runs: the one it names, or the document's only one. */
        Optional<OperationDefinition> operation(String operationName) {
            if (operationName == null || operationName.isEmpty()) {
                return operations.size() == 1 ? Optional.of(operations.get(0)) : Optional.empty();
            }
            return operations.stream().filter(o -> operationName.equals(o.getName())).findFirst();
        }
    }

    private final Map<String, Shape> shapes;
    private final Map<String, PreparsedDocumentEntry> executable;
    private final AtomicLong reads = new AtomicLong();

    public DocumentCache(DocumentSettings settings) {
        this.shapes = lru(settings.documentCacheSize());
        this.executable = lru(settings.documentCacheSize());
    }

    /**
     * The shape of {@code query}, read once per text. Throws what graphql-java's parser throws for a document it
     * cannot read, and {@link DocumentCost.FragmentCycle}.
     */
    Shape shape(String query) {
        Shape known = shapes.get(query);
        if (known != null) {
            return known;
        }
        reads.incrementAndGet();
        Document document = Parser.parse(query);
        Shape shape = new Shape(DocumentCost.of(document),
                List.copyOf(document.getDefinitionsOfType(OperationDefinition.class)),
                AstPrinter.printAstCompact(document));
        if (query.length() <= MAX_CACHED_QUERY_LENGTH) {
            shapes.put(query, shape);
        }
        return shape;
    }

    /**
     * Documents the door has parsed since start: a repeated query counts once while it stays in the cache. What a
     * test or a meter watches to see the cache work.
     */
    public long reads() {
        return reads.get();
    }

    /** GraphQL execution: the validated document of a query, parsed and validated the first time only. */
    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String query = input.getQuery();
        PreparsedDocumentEntry entry = executable.get(query);
        if (entry == null) {
            entry = parseAndValidate.apply(input);
            if (!entry.hasErrors() && query.length() <= MAX_CACHED_QUERY_LENGTH) {
                executable.put(query, entry);
            }
        }
        return CompletableFuture.completedFuture(entry);
    }

    static <V> Map<String, V> lru(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("gateway.graphql.document-cache-size must be at least 1, not " + size);
        }
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > size;
            }
        });
    }
}
