package com.kustomergateway.bootstrap;

import com.kustomergateway.testing.GatewayProcess;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JVM's memory settings (its options and one variable of glibc's) are written in two places a user runs the
 * gateway from (the container image, the README's {@code java -jar} line) and one that measures it (the benchmark,
 * through {@link GatewayProcess#SHIPPED_JVM_OPTIONS} and {@link GatewayProcess#SHIPPED_ENVIRONMENT}); all say the
 * same, so the resident memory the benchmark reports is the one a deployment gets.
 */
class ShippedJvmOptionsTest {

    static final Path DOCKERFILE = Path.of("src", "main", "docker", "Dockerfile.jvm");

    @Test
    void theContainerRunsWithTheShippedOptions() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);
        List<String> options = new ArrayList<>();
        options.addAll(jvmOptions(env(dockerfile, "GC_CONTAINER_OPTIONS")));
        options.addAll(jvmOptions(env(dockerfile, "JAVA_OPTS_APPEND")));

        assertThat(options).containsExactlyInAnyOrderElementsOf(GatewayProcess.SHIPPED_JVM_OPTIONS);
        GatewayProcess.SHIPPED_ENVIRONMENT.forEach((name, value) -> assertThat(env(dockerfile, name))
                .as("ENV %s in %s", name, DOCKERFILE).isEqualTo(value));
    }

    @Test
    void theReadmesJarLineRunsWithTheShippedOptions() throws IOException {
        String readme = Files.readString(SettingsTest.README);
        String jar = readme.substring(readme.indexOf("### Jar"), readme.indexOf("\n### ", readme.indexOf("### Jar") + 1));
        Matcher command = Pattern.compile("(?m)^java ((?:[^\\n]*\\\\\\n)*[^\\n]*)$").matcher(jar);

        assertThat(command.find()).as("a java command in README's Jar section").isTrue();
        String line = command.group(1).replace("\\\n", " ");
        assertThat(line).contains("-jar bootstrap/target/quarkus-app/quarkus-run.jar");
        assertThat(jvmOptions(line)).containsExactlyInAnyOrderElementsOf(GatewayProcess.SHIPPED_JVM_OPTIONS);
        // The variables the command is given are on the lines before java.
        String variables = jar.substring(jar.lastIndexOf("```bash", command.start()), command.start());
        GatewayProcess.SHIPPED_ENVIRONMENT.forEach((name, value) -> assertThat(variables.split("\\s+"))
                .as("the variables README's java -jar line is given").contains(name + "=" + value));
    }

    @Test
    void theImageLeavesNoHeapToAShareOfMemory() throws IOException {
        assertThat(Files.readString(DOCKERFILE)).doesNotContain("MaxRAMPercentage").doesNotContain("JAVA_MAX_MEM_RATIO");
        assertThat(GatewayProcess.SHIPPED_JVM_OPTIONS).anyMatch(option -> option.startsWith("-Xmx"));
    }

    private static String env(String dockerfile, String name) {
        Matcher env = Pattern.compile("(?m)^ENV " + name + "=\"([^\"]*)\"$").matcher(dockerfile);
        assertThat(env.find()).as("ENV %s in %s", name, DOCKERFILE).isTrue();
        return env.group(1);
    }

    /** The -X options of a command line: what sizes the JVM, not the -D properties beside them. */
    private static List<String> jvmOptions(String line) {
        return Arrays.stream(line.trim().split("\\s+")).filter(token -> token.startsWith("-X")).toList();
    }
}
