package com.kustomergateway.adapters.graphql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersistedQueriesTest {

    static DocumentSettings settings(int size, Path allowList) {
        return new DocumentSettings() {
            @Override
            public int documentCacheSize() {
                return size;
            }

            @Override
            public Optional<Path> allowList() {
                return Optional.ofNullable(allowList);
            }
        };
    }

    static final DocumentCache DOCUMENTS = new DocumentCache(settings(10, null));

    @Test
    void hashesAsClientsDoSha256OfUtf8InLowerCaseHex() {
        assertThat(PersistedQueries.sha256("{ deliveryStatus { state } }"))
                .isEqualTo("18392e3f198534a66d2c69bf483c1fc5fdf2aa1cf1813e6f117f70fcace898fb");
        assertThat(PersistedQueries.sha256("\u00e9"))
                .isEqualTo("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
    }

    @Test
    void aQueryIsKnownByItsHashOnceRememberedAndTheLeastRecentlyUsedGoesFirst() {
        PersistedQueries persisted = new PersistedQueries(settings(2, null));
        persisted.remember("a", "{ a }");
        persisted.remember("b", "{ b }");
        persisted.query("a");
        persisted.remember("c", "{ c }");

        assertThat(persisted.query("a")).contains("{ a }");
        assertThat(persisted.query("b")).isEmpty();
        assertThat(persisted.query("c")).contains("{ c }");
    }

    @Test
    void aQueryTooLongToCacheIsNotRemembered() {
        PersistedQueries persisted = new PersistedQueries(settings(2, null));
        String longQuery = "{ deliveryStatus { state } }" + " ".repeat(DocumentCache.MAX_CACHED_QUERY_LENGTH);
        persisted.remember("long", longQuery);

        assertThat(persisted.query("long")).isEmpty();
    }

    @Test
    void withoutAnAllowListEveryDocumentMayRun() {
        assertThat(new PersistedQueries(settings(2, null)).allows(DOCUMENTS.shape("{ anything }"))).isTrue();
    }

    @Test
    void anAllowListRunsItsDocumentsWhateverTheirWhitespaceAndKnowsThemByTheirFilesHash(@TempDir Path dir)
            throws IOException {
        String file = "# the console's status\nquery Status {\n  deliveryStatus { state }\n}\n";
        Files.writeString(dir.resolve("status.graphql"), file);
        PersistedQueries persisted = new PersistedQueries(settings(2, dir));

        assertThat(persisted.allows(DOCUMENTS.shape("query Status { deliveryStatus { state } }"))).isTrue();
        assertThat(persisted.allows(DOCUMENTS.shape("query Other { deliveryStatus { state reason } }"))).isFalse();
        assertThat(persisted.query(PersistedQueries.sha256(file))).contains(file);
    }

    @Test
    void anAllowListFileWithTwoOperationsIsRefusedAtStart(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("two.graphql"), "query A { a } query B { b }");

        assertThatThrownBy(() -> new PersistedQueries(settings(2, dir)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds 2 operations; write one operation");
    }

    @Test
    void anEmptyAllowListIsRefusedAtStart(@TempDir Path dir) {
        assertThatThrownBy(() -> new PersistedQueries(settings(2, dir)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no .graphql file");
    }
}
