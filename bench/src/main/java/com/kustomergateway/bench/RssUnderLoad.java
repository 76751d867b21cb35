package com.kustomergateway.bench;

import com.kustomergateway.testing.GatewayProcess;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The gateway's resident memory with the JVM options it ships with ({@link GatewayProcess#SHIPPED_JVM_OPTIONS})
 * beside the same build on the JVM's defaults (a heap of up to a quarter of the machine's memory): once idle, and at
 * its highest while 64 clients send mutations, the two loaded in turns, so the CPU each spends per mutation (what a
 * smaller heap costs in collection) is compared under the same load. Resident memory has no counterpart in the
 * baseline.
 */
final class RssUnderLoad implements Scenario {

    private static final int TURNS = 2;

    @Override
    public String title() {
        return "Resident memory, as shipped and on the JVM's defaults";
    }

    @Override
    public List<Figure> run(BenchRun run) throws Exception {
        GatewayProcess shipped = run.accepting();
        double idle = Proc.rssMib(shipped.pid());
        int clients = run.settings.rssClients();
        try (GatewayProcess defaults = run.start("jvm-defaults", BenchRun.onlyAccepting(Map.of()), List.of())) {
            double defaultsIdle = Proc.rssMib(defaults.pid());
            Turns asShipped = new Turns(run, shipped, "cust_rss_", clients);
            Turns onDefaults = new Turns(run, defaults, "cust_rss_defaults_", clients);
            onDefaults.warmUp(run.settings.warmUp());
            asShipped.warmUp(run.settings.warmUp());
            Turns.alternate(run.settings.measure(), TURNS, asShipped, onDefaults);
            if (run.profile) {
                run.note("Native memory of the gateway as shipped, after its load", nativeMemory(shipped));
                run.note("Native memory of the gateway on the JVM's defaults, after its load", nativeMemory(defaults));
            }
            return List.of(
                    Figure.of("resident memory before, as shipped", idle, "MiB", "after the scenarios before it; "
                            + String.join(" ", GatewayProcess.SHIPPED_JVM_OPTIONS)),
                    Figure.of("resident memory under load, highest, as shipped", asShipped.rssPeakMib(), "MiB",
                            note(clients, asShipped)),
                    Figure.of("gateway CPU each, as shipped", asShipped.cpuMillisEach(), "ms", ""),
                    Figure.of("resident memory idle, JVM defaults", defaultsIdle, "MiB", "just started"),
                    Figure.of("resident memory under load, highest, JVM defaults", onDefaults.rssPeakMib(), "MiB",
                            note(clients, onDefaults)),
                    Figure.of("gateway CPU each, JVM defaults", onDefaults.cpuMillisEach(), "ms", ""));
        }
    }

    /** The JVM's own account of its memory by part (Native Memory Tracking, on with -Dbench.profile=true). */
    private static String nativeMemory(GatewayProcess gateway) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(gateway.pid()), "VM.native_memory", "summary").redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
        }
        String parts = output.lines().filter(line -> line.startsWith("Total") || line.startsWith("-"))
                .map(line -> "    " + line.trim()).collect(Collectors.joining("\n"));
        return String.format(Locale.ROOT, "Resident now %.0f MiB. `jcmd VM.native_memory summary`, committed is what "
                + "counts toward it:%n%n%s%n", Proc.rssMib(gateway.pid()), parts);
    }

    private static String note(int clients, Turns turns) {
        return String.format(Locale.ROOT, "%d clients in %d turns, %.0f mutations/s", clients, TURNS,
                turns.perSecond());
    }
}
