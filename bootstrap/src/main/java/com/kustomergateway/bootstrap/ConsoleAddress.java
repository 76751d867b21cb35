package com.kustomergateway.bootstrap;

import io.vertx.ext.web.Router;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The operator console lives at {@code /console/} (the {@code console} module's static pages); {@code /console}
 * without the slash leads there, relative to itself so that a root path in front of the gateway is kept.
 */
@ApplicationScoped
public class ConsoleAddress {

    void install(@Observes Router router) {
        // Vert.x lets "/console" match "/console/" too, which the static pages answer.
        router.get("/console").handler(ctx -> {
            if (ctx.request().path().endsWith("/")) {
                ctx.next();
            } else {
                ctx.response().setStatusCode(301).putHeader("Location", "console/").end();
            }
        });
    }
}
