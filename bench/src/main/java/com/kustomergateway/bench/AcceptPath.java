package com.kustomergateway.bench;

import com.kustomergateway.testing.GatewayProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The accept path alone: {@code updateCustomerData} through {@code /graphql} from 16 clients, each call for a
 * customer of its own, on the gateway that only accepts (relay off, await window 0 s: a mutation answers
 * {@code QUEUED} as soon as its transaction commits), after a warm-up. Every acknowledged mutation must be in the
 * outbox. With {@code -Dbench.profile=true} a Java Flight Recording of the measured part is left in
 * {@code target/bench/accept.jfr} and summarised in the report.
 */
final class AcceptPath implements Scenario {

    private static final Path RECORDING = Path.of("target", "bench", "accept.jfr");

    @Override
    public String title() {
        return "Accept path: updateCustomerData, relay off, await window 0 s";
    }

    @Override
    public List<Figure> run(BenchRun run) throws Exception {
        GatewayProcess gateway = run.accepting();
        Load load = run.load(gateway);
        int clients = run.settings.clients();
        load.during(clients, run.settings.warmUp(), n -> BenchRun.customerUpdate("cust_warm_" + n),
                BenchRun::succeeded).requireNoErrors("warm-up");
        if (run.profile) {
            jcmd(gateway, "JFR.start", "name=accept", "settings=profile", "filename=" + RECORDING.toAbsolutePath());
        }
        long before = run.count("resource_key LIKE 'customer:cust_accept_%'");
        Usage usage = Usage.watch(gateway.pid());
        Load.Result result = load.during(clients, run.settings.measure(),
                n -> BenchRun.customerUpdate("cust_accept_" + n), BenchRun::succeeded).requireNoErrors("accept path");
        Usage.Report cpu = usage.stop();
        if (run.profile) {
            jcmd(gateway, "JFR.stop", "name=accept");
            run.profiled(title(), RECORDING);
        }
        long stored = run.count("resource_key LIKE 'customer:cust_accept_%'") - before;
        if (stored != result.requests()) {
            throw new IllegalStateException(result.requests() + " mutations acknowledged, " + stored + " stored");
        }
        List<Figure> figures = new ArrayList<>(Figure.load("mutations", result, clients, cpu, run.baseline()));
        figures.add(Figure.of("Postgres CPU each", cpu.postgresMillisEach(result.perSecond()), "ms", "")
                .against(run.baseline().postgresMillisEach()));
        return figures;
    }

    static void jcmd(GatewayProcess gateway, String... command) throws Exception {
        Files.createDirectories(RECORDING.getParent());
        List<String> line = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(gateway.pid())));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).inheritIO().start();
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed");
        }
    }
}
