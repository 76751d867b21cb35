package com.kustomergateway.adapters.graphql;

import graphql.language.AstPrinter;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Queries a client may send by their SHA-256 instead of their text (Apollo's automatic persisted queries), and, in
 * allow-list mode, the only queries that run at all.
 *
 * <p>Automatic: a client sends a hash; the gateway answers {@code PersistedQueryNotFound} for a hash it does not
 * know, the client sends the hash with the query, and from then on the hash alone works (kept like
 * {@link DocumentCache}'s documents: at most {@code gateway.graphql.document-cache-size}, least recently used first
 * out). Allow-list mode ({@code gateway.graphql.allow-list} names a directory of {@code .graphql} files, one
 * operation with its fragments per file, read at start): only documents written there run, whatever their
 * whitespace and comments; a file's hash works from the first call.
 */
@ApplicationScoped
public class PersistedQueries {

    private final Map<String, String> byHash;
    private final Map<String, String> registered = new HashMap<>();
    private final Optional<Set<String>> allowed;

    public PersistedQueries(DocumentSettings settings) {
        this.byHash = DocumentCache.lru(settings.documentCacheSize());
        this.allowed = settings.allowList().map(this::readAllowList);
    }

    /** The query registered under {@code hash}, by a client earlier or in the allow-list. */
    Optional<String> query(String hash) {
        String query = registered.get(hash);
        return Optional.ofNullable(query != null ? query : byHash.get(hash));
    }

    /** Remembers {@code query} under its hash, once the door has let it through. */
    void remember(String hash, String query) {
        if (query.length() <= DocumentCache.MAX_CACHED_QUERY_LENGTH && !registered.containsKey(hash)) {
            byHash.put(hash, query);
        }
    }

    /** Whether a document may run: always, unless allow-list mode is on and it is not in the list. */
    boolean allows(DocumentCache.Shape shape) {
        return allowed.map(list -> list.contains(shape.canonical())).orElse(true);
    }

    /** The SHA-256 of {@code query}'s UTF-8 bytes in lower-case hex, as clients compute it. */
    static String sha256(String query) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(query.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private Set<String> readAllowList(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("gateway.graphql.allow-list: " + directory.toAbsolutePath()
                    + " is not a directory of .graphql files");
        }
        Set<String> canonical = new HashSet<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".graphql")).sorted().toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                canonical.add(canonical(file, text));
                registered.put(sha256(text), text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("gateway.graphql.allow-list: cannot read " + directory, e);
        }
        if (canonical.isEmpty()) {
            throw new IllegalStateException("gateway.graphql.allow-list: no .graphql file in "
                    + directory.toAbsolutePath() + ", so no query could run");
        }
        return Set.copyOf(canonical);
    }

    private static String canonical(Path file, String text) {
        Document document;
        try {
            document = Parser.parse(text);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("gateway.graphql.allow-list: " + file + " is not GraphQL: "
                    + e.getMessage(), e);
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (operations.size() != 1) {
            throw new IllegalStateException("gateway.graphql.allow-list: " + file + " holds " + operations.size()
                    + " operations; write one operation (with the fragments it uses) per file");
        }
        return AstPrinter.printAstCompact(document);
    }
}
