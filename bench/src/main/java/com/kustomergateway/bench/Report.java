package com.kustomergateway.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every figure of one run, each beside its counterpart in the baseline measured in the same run and their ratio,
 * as Markdown: printed, and written to {@code target/bench/report.md}.
 */
final class Report {

    private final StringBuilder md = new StringBuilder();
    private final List<String> failures = new ArrayList<>();

    Report(BenchRun.Settings settings, String loadAverage) {
        md.append("# Benchmark (").append(settings.mode()).append(")\n\n")
                .append("| | |\n|---|---|\n")
                .append(row("date (UTC)",
                        OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString()))
                .append(row("commit", "`" + git("describe", "--always", "--dirty") + "`"))
                .append(row("gateway measured", measuredGateway()))
                .append(row("machine", Runtime.getRuntime().availableProcessors() + " cores, load average at start "
                        + loadAverage))
                .append(row("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")))
                .append(row("durations", settings.warmUp().toSeconds() + " s warm-up, " + settings.measure().toSeconds()
                        + " s per throughput figure"))
                .append("\nThe ratio is each figure over its counterpart in the baseline of this run: inserts per "
                        + "second beside a rate, insert latency beside a latency, Postgres's CPU per insert beside "
                        + "a CPU cost. Nothing here is asserted: a smoke run only proves that every scenario ran.\n");
    }

    void add(String title, List<Figure> figures) {
        md.append("\n## ").append(title).append("\n\n| figure | value | baseline | ratio | |\n|---|---|---|---|---|\n");
        for (Figure f : figures) {
            boolean compared = Double.isFinite(f.baseline());
            md.append(String.format(Locale.ROOT, "| %s | %s %s | %s | %s | %s |\n", f.name(), number(f.value()),
                    f.unit(), compared ? number(f.baseline()) + " " + f.unit() : "—",
                    compared ? String.format(Locale.ROOT, "%.3f", f.ratio()) : "—", f.note()));
        }
    }

    void text(String title, String markdown) {
        md.append("\n## ").append(title).append("\n\n").append(markdown);
    }

    void failed(String title, Exception e) {
        failures.add(title);
        md.append("\n## ").append(title).append("\n\n**Failed:** ").append(e).append('\n');
    }

    List<String> failures() {
        return failures;
    }

    String write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, md, StandardCharsets.UTF_8);
        return md.toString();
    }

    private static String number(double value) {
        boolean whole = value == Math.rint(value);
        return String.format(Locale.ROOT, value >= 100 || whole ? "%,.0f" : value >= 10 ? "%.1f" : "%.3f", value);
    }

    private static String row(String name, String value) {
        return "| " + name + " | " + value + " |\n";
    }

    /** This build's, or the one {@code -Dgateway.jar} names, with the commit of the checkout it was built in. */
    private static String measuredGateway() {
        String jar = System.getProperty("gateway.jar", "");
        if (jar.isBlank()) {
            return "this build's";
        }
        return "`" + jar + "`, built at `" + git("-C", Path.of(jar).toAbsolutePath().getParent().toString(),
                "describe", "--always", "--dirty") + "`";
    }

    private static String git(String... args) {
        try {
            List<String> command = new ArrayList<>(List.of("git"));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return text;
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
