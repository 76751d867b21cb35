package com.kustomergateway.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads a Java Flight Recording's CPU samples ({@code jdk.ExecutionSample}) into three tables: the methods found on
 * top of the stack most often; each sample given to the innermost part of the gateway on its stack (so the JDK's
 * own code counts for whoever called it, and the shares add up to 100%); and the share of samples passing through a
 * few points of ours (one inside another, so these do not add up).
 */
public final class Profile {

    /** The parts, by the packages their frames belong to. */
    private static final Map<String, List<String>> PARTS = new LinkedHashMap<>();
    /** Points of ours, by the method a sample must pass through. */
    private static final Map<String, String> THROUGH = new LinkedHashMap<>();

    static {
        PARTS.put("token check (SmallRye JWT, jose4j)", List.of("io.smallrye.jwt.", "org.jose4j.",
                "io.quarkus.smallrye.jwt."));
        PARTS.put("JDBC driver and pool (pgjdbc, Agroal)", List.of("org.postgresql.", "io.agroal."));
        PARTS.put("JTA (Narayana)", List.of("com.arjuna.", "io.quarkus.narayana."));
        PARTS.put("Hibernate ORM", List.of("org.hibernate.", "io.quarkus.hibernate."));
        PARTS.put("OpenTelemetry", List.of("io.opentelemetry.", "io.quarkus.opentelemetry."));
        PARTS.put("REST client (Quarkus REST)", List.of("org.jboss.resteasy.reactive.", "io.quarkus.rest.client."));
        PARTS.put("gateway: persistence adapter", List.of("com.kustomergateway.adapters.persistence."));
        PARTS.put("gateway: Kustomer adapter", List.of("com.kustomergateway.adapters.kustomer."));
        PARTS.put("gateway: domain", List.of("com.kustomergateway.domain."));
        PARTS.put("gateway: application", List.of("com.kustomergateway.application."));
        PARTS.put("gateway: GraphQL adapter", List.of("com.kustomergateway.adapters.graphql."));
        PARTS.put("JSON-B and JSON-P (Yasson, Parsson)", List.of("org.eclipse.yasson.", "org.eclipse.parsson."));
        PARTS.put("Jackson", List.of("com.fasterxml.jackson."));
        PARTS.put("graphql-java", List.of("graphql."));
        PARTS.put("SmallRye GraphQL and its Quarkus handler", List.of("io.smallrye.graphql.",
                "io.quarkus.smallrye.graphql."));
        PARTS.put("security (Quarkus)", List.of("io.quarkus.security.", "io.quarkus.vertx.http.runtime.security."));
        PARTS.put("CDI and context propagation (ArC, SmallRye Context)", List.of("io.quarkus.arc.",
                "io.smallrye.context."));
        PARTS.put("Mutiny", List.of("io.smallrye.mutiny."));
        PARTS.put("logging", List.of("org.jboss.logmanager.", "org.jboss.logging."));
        PARTS.put("metrics (Micrometer)", List.of("io.micrometer."));
        PARTS.put("HTTP (Vert.x, Netty)", List.of("io.vertx.", "io.netty."));
        THROUGH.put("the token check (DefaultJWTParser.parse)",
                "io.smallrye.jwt.auth.principal.DefaultJWTParser.parse");
        THROUGH.put("the resolver (ChangeMutations.updateCustomerData)",
                "com.kustomergateway.adapters.graphql.ChangeMutations.updateCustomerData");
        THROUGH.put("the transaction (OperationIntake.accept, @Transactional)",
                "com.kustomergateway.application.submit.OperationIntake.accept");
        THROUGH.put("the store's insert (persistence adapter)", "com.kustomergateway.adapters.persistence.");
        THROUGH.put("GraphQL parse and validation", "graphql.parser.");
        THROUGH.put("the outbox store (PostgresOperationStore)",
                "com.kustomergateway.adapters.persistence.PostgresOperationStore.");
        THROUGH.put("the shared pacing (PostgresDeliveryCoordination)",
                "com.kustomergateway.adapters.persistence.PostgresDeliveryCoordination.");
        THROUGH.put("Hibernate ORM", "org.hibernate.");
        THROUGH.put("the Kustomer call (Kustomer adapter)", "com.kustomergateway.adapters.kustomer.");
        THROUGH.put("tracing (OperationTraces)", "com.kustomergateway.application.deliver.OperationTraces.");
    }

    private Profile() {
    }

    /** Summarises the recordings named, as the report does: {@code java -cp … Profile accept.jfr}. */
    public static void main(String[] args) throws IOException {
        for (String recording : args) {
            System.out.println(summary(Path.of(recording), 15));
        }
    }

    static String summary(Path recording, int top) throws IOException {
        Map<String, Integer> onTop = new TreeMap<>();
        Map<String, Integer> parts = new LinkedHashMap<>();
        Map<String, Integer> through = new LinkedHashMap<>();
        THROUGH.keySet().forEach(point -> through.put(point, 0));
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
                    || event.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<String> names = event.getStackTrace().getFrames().stream().map(Profile::name).toList();
            onTop.merge(names.get(0), 1, Integer::sum);
            parts.merge(names.stream().map(Profile::part).filter(part -> part != null).findFirst()
                    .orElse("other (JDK, threads)"), 1, Integer::sum);
            THROUGH.forEach((point, prefix) -> {
                if (names.stream().anyMatch(name -> name.startsWith(prefix))) {
                    through.merge(point, 1, Integer::sum);
                }
            });
        }
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%d CPU samples in `%s`.%n%n", samples,
                recording.getFileName()));
        md.append("| share | method on top of the stack |\n|---|---|\n").append(table(onTop, samples, top, "`"))
                .append("\n| share | innermost part of the gateway on the stack |\n|---|---|\n")
                .append(table(parts, samples, parts.size(), ""))
                .append("\n| share | samples passing through |\n|---|---|\n")
                .append(table(through, samples, through.size(), ""));
        return md.toString();
    }

    private static String table(Map<String, Integer> counts, int samples, int top, String quote) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())).limit(top)
                .map(e -> String.format(Locale.ROOT, "| %.1f%% | %s%s%s |%n", 100.0 * e.getValue() / samples, quote,
                        e.getKey(), quote))
                .collect(Collectors.joining());
    }

    private static String part(String frame) {
        for (Map.Entry<String, List<String>> part : PARTS.entrySet()) {
            if (part.getValue().stream().anyMatch(frame::startsWith)) {
                return part.getKey();
            }
        }
        return null;
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
