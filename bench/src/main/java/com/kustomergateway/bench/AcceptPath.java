package com.kustomergateway.bench;

import com.kustomergateway.testing.GatewayProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The accept path alone: {@code updateCustomerData} through {@code /graphql} from 16 clients, each call for a
 * customer of its own, on the gateway that only accepts (relay off, await window 0 s: a mutation answers
 * {@code QUEUED} as soon as its transaction commits), after a warm-up; as shipped, or with settings of its own to
 * measure a change before and after in one run. With {@code -Dbench.profile=true} a Java Flight Recording of the
 * measured part is left in {@code target/bench/accept-<variant>.jfr}.
 */
final class AcceptPath implements Scenario {

    private final String variant;
    private final String described;
    private final Map<String, String> settings;

    /** As shipped. */
    AcceptPath() {
        this("shipped", "as shipped", Map.of());
    }

    AcceptPath(String variant, String described, Map<String, String> settings) {
        this.variant = variant;
        this.described = described;
        this.settings = settings;
    }

    @Override
    public String title() {
        return "Accept path: updateCustomerData, relay off, await window 0 s, " + described;
    }

    @Override
    public List<Figure> run(BenchRun run) throws Exception {
        GatewayProcess gateway = run.accepting(settings);
        Load load = run.load(gateway);
        int clients = run.settings.clients();
        load.during(clients, run.settings.warmUp(), n -> BenchRun.customerUpdate("cust_warm_" + variant + "_" + n),
                BenchRun::succeeded).requireNoErrors("warm-up");
        if (run.profile) {
            jcmd(gateway, "JFR.start", "name=accept", "settings=profile",
                    "filename=" + Path.of("target", "bench", "accept-" + variant + ".jfr").toAbsolutePath());
        }
        long before = run.count("resource_key LIKE 'customer:cust_accept_" + variant + "_%'");
        Usage usage = Usage.watch(gateway.pid());
        Load.Result result = load.during(clients, run.settings.measure(),
                n -> BenchRun.customerUpdate("cust_accept_" + variant + "_" + n), BenchRun::succeeded)
                .requireNoErrors("accept path");
        Usage.Report cpu = usage.stop();
        if (run.profile) {
            jcmd(gateway, "JFR.stop", "name=accept");
        }
        long stored = run.count("resource_key LIKE 'customer:cust_accept_" + variant + "_%'") - before;
        if (stored != result.requests()) {
            throw new IllegalStateException(result.requests() + " mutations acknowledged, " + stored + " stored");
        }
        BenchRun.Baseline baseline = run.baseline();
        double perSecond = result.perSecond();
        return List.of(
                Figure.of("mutations", perSecond, "/s", clients + " clients; " + cpu.summary())
                        .against(baseline.insertsPerSecond()),
                Figure.of("latency p50", result.latency().p50(), "ms", "").against(baseline.p50Millis()),
                Figure.of("latency p99", result.latency().p99(), "ms", "").against(baseline.p99Millis()),
                Figure.of("gateway CPU per mutation", cpu.gatewayMillisEach(perSecond), "ms",
                        "beside Postgres's CPU per baseline insert").against(baseline.postgresMillisEach()),
                Figure.of("Postgres CPU per mutation", cpu.postgresMillisEach(perSecond), "ms", "")
                        .against(baseline.postgresMillisEach()));
    }

    static void jcmd(GatewayProcess gateway, String... command) throws Exception {
        Files.createDirectories(Path.of("target", "bench"));
        List<String> line = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(gateway.pid())));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).inheritIO().start();
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed");
        }
    }
}
