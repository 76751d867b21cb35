package com.kustomergateway.bench;

import java.util.List;

/** One thing the benchmark measures. A scenario that cannot measure throws; one that measured returns its figures. */
interface Scenario {

    /** What it measures, as the report's heading says it. */
    String title();

    List<Figure> run(BenchRun run) throws Exception;
}
