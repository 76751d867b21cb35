package com.kustomergateway.bench;

import com.kustomergateway.testing.GatewayProcess;

import java.util.List;
import java.util.Locale;

/**
 * The gateway's resident memory, run as shipped (the JVM's defaults, no {@code -Xmx}): once idle, and at its
 * highest while 64 clients send mutations. Resident memory has no counterpart in the baseline.
 */
final class RssUnderLoad implements Scenario {

    @Override
    public String title() {
        return "Resident memory, JVM defaults as shipped";
    }

    @Override
    public List<Figure> run(BenchRun run) throws Exception {
        GatewayProcess gateway = run.accepting();
        double idle = Proc.rssMib(gateway.pid());
        int clients = run.settings.rssClients();
        Usage usage = Usage.watch(gateway.pid());
        Load.Result result = run.load(gateway).during(clients, run.settings.measure(),
                n -> BenchRun.customerUpdate("cust_rss_" + n), BenchRun::succeeded).requireNoErrors("64 clients");
        Usage.Report cpu = usage.stop();
        return List.of(Figure.of("resident memory before", idle, "MiB", "after the scenarios before it"),
                Figure.of("resident memory under load, highest", cpu.rssPeakMib(), "MiB", String.format(
                        Locale.ROOT, "%d clients, %.0f mutations/s; %s", clients, result.perSecond(),
                        cpu.summary())));
    }
}
