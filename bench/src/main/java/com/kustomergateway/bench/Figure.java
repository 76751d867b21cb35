package com.kustomergateway.bench;

/**
 * One measured figure. {@code baseline} is the comparable figure of the pgbench-style baseline measured in the same
 * run (inserts per second beside a rate, insert latency beside a latency, Postgres CPU per insert beside a CPU cost),
 * or NaN where there is none to compare with.
 */
record Figure(String name, double value, String unit, double baseline, String note) {

    static Figure of(String name, double value, String unit, String note) {
        return new Figure(name, value, unit, Double.NaN, note);
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
