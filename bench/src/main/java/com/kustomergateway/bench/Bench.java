package com.kustomergateway.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs every scenario against the packaged gateway, in an order that lets them share gateways (the accepting one,
 * then the delivering one), and prints the report. Exits 1 if any scenario failed or measured nothing: a change
 * that breaks a scenario breaks the build that runs it. {@code -Dbench.mode=smoke} (a few seconds each) or
 * {@code full}; {@code -Dbench.profile=true} records the accept path with Java Flight Recorder;
 * {@code -Dbench.before=…/quarkus-run.jar} adds {@link AcceptBeforeAfter}; {@code -Dbench.scenarios=A,B} runs only
 * the scenarios of those class names (the baseline's ratios are NaN without {@code BaselineInsert}).
 */
public final class Bench {

    static final Path REPORT = Path.of("target", "bench", "report.md");

    private Bench() {
    }

    /** A property Maven passes on, blank when unset (Maven may pass an unset one as its own expression). */
    private static String property(String name) {
        String value = System.getProperty(name, "");
        return value.startsWith("${") ? "" : value;
    }

    public static void main(String[] args) throws Exception {
        BenchRun.Settings settings = BenchRun.Settings.of(System.getProperty("bench.mode", "smoke"));
        Report report = new Report(settings, Proc.loadAverage());
        List<Scenario> scenarios = new ArrayList<>(List.of(new BaselineInsert(), new AcceptPath(),
                new TokenCacheBeforeAfter(), new TypenameFloor(), new RssUnderLoad(), new RelayThroughput(),
                new IdleLatency(), new KustomerRequests()));
        String before = property("bench.before");
        if (!before.isBlank()) {
            scenarios.add(2, new AcceptBeforeAfter(Path.of(before)));
        }
        String only = property("bench.scenarios");
        if (!only.isBlank()) {
            List<String> names = Arrays.stream(only.split(",")).map(String::trim).toList();
            scenarios.removeIf(scenario -> !names.contains(scenario.getClass().getSimpleName()));
            if (scenarios.isEmpty()) {
                throw new IllegalArgumentException("bench.scenarios names no scenario: " + only);
            }
        }
        try (BenchRun run = new BenchRun(settings, Boolean.getBoolean("bench.profile"))) {
            for (Scenario scenario : scenarios) {
                long start = System.nanoTime();
                System.out.println("[bench] " + scenario.title());
                try {
                    List<Figure> figures = scenario.run(run);
                    if (figures.isEmpty() || !figures.stream().allMatch(Figure::measured)) {
                        throw new IllegalStateException("it measured nothing: " + figures);
                    }
                    report.add(scenario.title(), figures);
                } catch (Exception e) {
                    e.printStackTrace();
                    report.failed(scenario.title(), e);
                }
                System.out.printf("[bench]   %.1f s%n", (System.nanoTime() - start) / 1e9);
            }
            for (Map.Entry<String, Path> recording : run.recordings().entrySet()) {
                report.text("Profile of " + recording.getKey(), Profile.summary(recording.getValue(), 15));
            }
            run.notes().forEach(report::text);
        }
        System.out.println(report.write(REPORT));
        System.out.println("[bench] written to bench/" + REPORT);
        if (!report.failures().isEmpty()) {
            System.err.println("[bench] failed: " + report.failures());
            System.exit(1);
        }
    }
}
