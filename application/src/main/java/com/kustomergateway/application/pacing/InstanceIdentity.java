package com.kustomergateway.application.pacing;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Names this gateway process among the instances sharing a database: its leases' owner, its heartbeat, and who saw
 * a pause. The host name comes first (a Kubernetes pod's name), so an operator can tell which one it is; a random
 * suffix keeps a restarted process apart from the one before it.
 */
@ApplicationScoped
public class InstanceIdentity {

    private final String id;

    public InstanceIdentity() {
        String host = System.getenv().getOrDefault("HOSTNAME", "");
        if (host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "relay";
            }
        }
        this.id = host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
