package com.kustomergateway.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs every scenario against the packaged gateway, in an order that lets them share gateways (the accepting one,
 * then the delivering one), and prints the report. Exits 1 if any scenario failed or measured nothing: a change
 * that breaks a scenario breaks the build that runs it. {@code -Dbench.mode=smoke} (a few seconds each) or
 * {@code full}; {@code -Dbench.profile=true} records the accept path and the relay with Java Flight Recorder.
 */
public final class Bench {

    static final Path REPORT = Path.of("target", "bench", "report.md");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        BenchRun.Settings settings = BenchRun.Settings.of(System.getProperty("bench.mode", "smoke"));
        Report report = new Report(settings, Proc.loadAverage());
        List<Scenario> all = new ArrayList<>(List.of(new BaselineInsert(), new AcceptPath(),
                new TokenCacheBeforeAfter(), new TypenameFloor(), new RssUnderLoad(), new RelayThroughput(),
                new IdleLatency(), new KustomerRequests()));
        String before = System.getProperty("bench.before", "");
        if (!before.isBlank() && !before.startsWith("${")) {
            // -Dbench.before=…/quarkus-run.jar: another build's accept path beside this one's (AcceptBeforeAfter).
            all.add(2, new AcceptBeforeAfter(Path.of(before)));
        }
        List<Scenario> scenarios = selected(all, System.getProperty("bench.scenarios", ""));
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

    /** {@code -Dbench.scenarios=BaselineInsert,AcceptPath} runs those (the baseline first, as others compare to it). */
    static List<Scenario> selected(List<Scenario> all, String names) {
        if (names.isBlank()) {
            return all;
        }
        Set<String> wanted = Arrays.stream(names.split(",")).map(String::trim).collect(Collectors.toSet());
        Set<String> known = all.stream().map(scenario -> scenario.getClass().getSimpleName())
                .collect(Collectors.toSet());
        if (!known.containsAll(wanted)) {
            throw new IllegalArgumentException("bench.scenarios names " + names + "; the scenarios are " + known);
        }
        return all.stream().filter(scenario -> wanted.contains(scenario.getClass().getSimpleName())).toList();
    }
}
