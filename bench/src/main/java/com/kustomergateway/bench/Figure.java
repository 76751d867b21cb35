package com.kustomergateway.bench;

import java.util.List;

/**
 * One measured figure. {@code baseline} is the comparable figure of the pgbench-style baseline measured in the same
 * run (inserts per second beside a rate, insert latency beside a latency, Postgres CPU per insert beside a CPU cost),
 * or NaN where there is none to compare with.
 */
record Figure(String name, double value, String unit, double baseline, String note) {

    static Figure of(String name, double value, String unit, String note) {
        return new Figure(name, value, unit, Double.NaN, note);
    }

    /** What closed-loop load over HTTP measures: the rate, its latency and the gateway's CPU for each request. */
    static List<Figure> load(String things, Load.Result result, int clients, Usage.Report cpu,
            BenchRun.Baseline baseline) {
        double perSecond = result.perSecond();
        return List.of(
                of(things, perSecond, "/s", clients + " clients; " + cpu.summary())
                        .against(baseline.insertsPerSecond()),
                of("latency p50", result.latency().p50(), "ms", "").against(baseline.p50Millis()),
                of("latency p99", result.latency().p99(), "ms", "").against(baseline.p99Millis()),
                of("gateway CPU each", cpu.gatewayMillisEach(perSecond), "ms",
                        "beside Postgres's CPU per baseline insert").against(baseline.postgresMillisEach()));
    }

    Figure against(double baselineValue) {
        return new Figure(name, value, unit, baselineValue, note);
    }

    double ratio() {
        return value / baseline;
    }

    /** A figure the run could not have produced had its scenario not run. */
    boolean measured() {
        return Double.isFinite(value) && value >= 0;
    }
}
