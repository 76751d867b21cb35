package com.kustomergateway.adapters.graphql;

import com.kustomergateway.domain.ErrorCode;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/errors.md explains every code a caller can be given, and nothing else: the code is where they are declared. */
class ErrorCodesTest {

    static final Path DOCS = Path.of("..", "docs", "errors.md");
    static final Path README = Path.of("..", "README.md");
    static final Pattern ROW = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\| (\\d{3}) \\| .+\\|$");

    static Map<String, Integer> documented() throws IOException {
        Map<String, Integer> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(Files.readString(DOCS));
        while (row.find()) {
            assertThat(rows.put(row.group(1), Integer.parseInt(row.group(2)))).as(row.group(1) + " listed twice")
                    .isNull();
        }
        return rows;
    }

    @Test
    void aCodeMeansOneThingTheDomainsRulesAndTheTransportsAreNamedApart() {
        assertThat(Arrays.stream(TransportCode.values()).map(Enum::name))
                .doesNotContainAnyElementsOf(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
    }

    @Test
    void everyCodeIsDocumentedOnceWithTheStatusTheDoorAnswersAndNoOtherCodeIs() throws IOException {
        Map<String, Integer> expected = new LinkedHashMap<>();
        Arrays.stream(TransportCode.values()).forEach(code -> expected.put(code.name(), code.doorStatus()));
        Arrays.stream(ErrorCode.values()).forEach(code -> expected.put(code.name(), 200));

        assertThat(documented()).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void theReadmeLinksTheListInsteadOfCopyingIt() throws IOException {
        String readme = Files.readString(README);
        List<String> domainRules = Stream.of(ErrorCode.values()).map(code -> "`" + code.name() + "`")
                .filter(readme::contains).toList();

        assertThat(readme).contains("(docs/errors.md)");
        assertThat(domainRules).as("domain codes the README names; docs/errors.md lists them").hasSizeLessThan(8);
    }
}
