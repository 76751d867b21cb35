package com.kustomergateway.bench;

import com.kustomergateway.testing.GatewayProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Another build of the gateway beside this one, in one run: {@code -Dbench.before=…/quarkus-app/quarkus-run.jar}
 * (say, main's before a change) and this build's, both accepting only, with the same JVM options, each warmed up
 * as long as the other, then loaded in turns, {@value #TURNS} turns each, so that whatever else the machine does
 * meanwhile falls on both alike. Runs only when that property names a jar.
 */
final class AcceptBeforeAfter implements Scenario {

    private static final int TURNS = 4;

    private final Path before;

    AcceptBeforeAfter(Path before) {
        if (!Files.isRegularFile(before)) {
            throw new IllegalArgumentException("bench.before names no file: " + before);
        }
        this.before = before;
    }

    @Override
    public String title() {
        return "Accept path, another build beside this one: " + before;
    }

    @Override
    public List<Figure> run(BenchRun run) throws Exception {
        GatewayProcess after = run.accepting();
        try (GatewayProcess earlier = run.gateway("before", BenchRun.onlyAccepting(Map.of()),
                GatewayProcess.SHIPPED_JVM_OPTIONS).withJar(before).start()) {
            Turns b = new Turns(run, earlier, "cust_before_", run.settings.clients());
            Turns a = new Turns(run, after, "cust_after_", run.settings.clients());
            b.warmUp(run.settings.warmUp());
            a.warmUp(run.settings.warmUp());
            Turns.alternate(run.settings.measure(), TURNS, b, a);
            BenchRun.Baseline baseline = run.baseline();
            String ratio = String.format(Locale.ROOT, "%.2f × the CPU of the build before",
                    a.cpuMillisEach() / b.cpuMillisEach());
            return List.of(
                    Figure.of("mutations, build before", b.perSecond(), "/s", b.requests + " in " + TURNS + " turns")
                            .against(baseline.insertsPerSecond()),
                    Figure.of("mutations, this build", a.perSecond(), "/s", a.requests + " in " + TURNS + " turns")
                            .against(baseline.insertsPerSecond()),
                    Figure.of("gateway CPU each, build before", b.cpuMillisEach(), "ms", "")
                            .against(baseline.postgresMillisEach()),
                    Figure.of("gateway CPU each, this build", a.cpuMillisEach(), "ms", ratio)
                            .against(baseline.postgresMillisEach()),
                    Figure.of("resident memory highest, build before", b.rssPeakMib(), "MiB", ""),
                    Figure.of("resident memory highest, this build", a.rssPeakMib(), "MiB", ""));
        }
    }
}
