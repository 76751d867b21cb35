package com.kustomergateway.bench;

import com.kustomergateway.testing.GatewayProcess;

import java.util.List;

/**
 * The framework's floor: an authenticated {@code { __typename }} (HTTP, the token check, GraphQL, nothing of ours),
 * from as many clients as the accept path, on the same gateway. What a mutation costs beyond this is ours.
 */
final class TypenameFloor implements Scenario {

    private static final String QUERY = "{\"query\":\"{ __typename }\"}";

    @Override
    public String title() {
        return "Floor: an authenticated { __typename }";
    }

    @Override
    public List<Figure> run(BenchRun run) throws Exception {
        GatewayProcess gateway = run.accepting();
        Load load = run.load(gateway).safeToRepeat();
        int clients = run.settings.clients();
        load.during(clients, run.settings.warmUp(), n -> QUERY, TypenameFloor::answered).requireNoErrors("warm-up");
        Usage usage = Usage.watch(gateway.pid());
        Load.Result result = load.during(clients, run.settings.measure(), n -> QUERY, TypenameFloor::answered)
                .requireNoErrors("{ __typename }");
        Usage.Report cpu = usage.stop();
        return Figure.load("requests", result, clients, cpu, run.baseline());
    }

    private static boolean answered(String body) {
        return body.contains("\"__typename\":\"Query\"");
    }
}
