package com.kustomergateway.bench;

import com.kustomergateway.testing.GatewayProcess;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The token cache ({@code VerifiedTokens}) before and after, in one run: two accepting gateways side by side, one
 * checking every token ({@code GATEWAY_AUTH_VERIFIED_TOKEN_TTL=0s}), one as shipped, each warmed up as long as the
 * other, then loaded in turns, {@value #TURNS} turns each, so that whatever else the machine does meanwhile falls on
 * both alike. Each gets as long as the accept path's measurement in all.
 */
final class TokenCacheBeforeAfter implements Scenario {

    private static final int TURNS = 4;

    @Override
    public String title() {
        return "Token cache before and after: the accept path with every token checked, and as shipped";
    }

    @Override
    public List<Figure> run(BenchRun run) throws Exception {
        GatewayProcess shipped = run.accepting();
        try (GatewayProcess checking = run.startAccepting("every-token-checked",
                Map.of("GATEWAY_AUTH_VERIFIED_TOKEN_TTL", "0s"))) {
            Turns before = new Turns(run, checking, "cust_checked_", run.settings.clients());
            Turns after = new Turns(run, shipped, "cust_kept_", run.settings.clients());
            // The shipped gateway has had the accept path's warm-up and measurement already: this one gets as much.
            before.warmUp(run.settings.warmUp().plus(run.settings.measure()));
            before.warmUp(run.settings.warmUp());
            after.warmUp(run.settings.warmUp());
            Turns.alternate(run.settings.measure(), TURNS, before, after);
            BenchRun.Baseline baseline = run.baseline();
            String saved = String.format(Locale.ROOT, "%.2f × the CPU of every token checked",
                    after.cpuMillisEach() / before.cpuMillisEach());
            return List.of(
                    Figure.of("mutations, every token checked", before.perSecond(), "/s", before.requests + " in "
                            + TURNS + " turns").against(baseline.insertsPerSecond()),
                    Figure.of("mutations, tokens kept (as shipped)", after.perSecond(), "/s", after.requests + " in "
                            + TURNS + " turns").against(baseline.insertsPerSecond()),
                    Figure.of("gateway CPU each, every token checked", before.cpuMillisEach(), "ms", "")
                            .against(baseline.postgresMillisEach()),
                    Figure.of("gateway CPU each, tokens kept (as shipped)", after.cpuMillisEach(), "ms", saved)
                            .against(baseline.postgresMillisEach()));
        }
    }
}
