package com.kustomergateway.dev;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Whether a container engine answers on this machine, so that Quarkus Dev Services can start PostgreSQL in it. Asks
 * the engine itself ({@code GET /_ping}) where {@code DOCKER_HOST} or the usual sockets say it is: a socket file
 * left behind by a stopped engine does not count.
 */
final class Docker {

    private static final long ANSWER_WITHIN_MILLIS = 2_000;

    private Docker() {
    }

    static boolean answers() {
        return CompletableFuture.supplyAsync(Docker::pings)
                .completeOnTimeout(false, ANSWER_WITHIN_MILLIS, TimeUnit.MILLISECONDS)
                .join();
    }

    private static boolean pings() {
        Optional<String> host = Optional.ofNullable(System.getenv("DOCKER_HOST")).filter(h -> !h.isBlank());
        if (host.isPresent()) {
            URI uri = URI.create(host.get());
            return switch (String.valueOf(uri.getScheme())) {
                case "unix" -> pings(Path.of(uri.getPath()));
                case "tcp", "http" -> pings(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort());
                default -> false;
            };
        }
        return defaultSockets().stream().anyMatch(Docker::pings);
    }

    private static List<Path> defaultSockets() {
        List<Path> sockets = new ArrayList<>(List.of(Path.of("/var/run/docker.sock")));
        Optional.ofNullable(System.getenv("XDG_RUNTIME_DIR")).ifPresent(run -> {
            sockets.add(Path.of(run, "docker.sock"));
            sockets.add(Path.of(run, "podman", "podman.sock"));
        });
        Optional.ofNullable(System.getProperty("user.home")).ifPresent(home -> {
            sockets.add(Path.of(home, ".docker", "run", "docker.sock"));
            sockets.add(Path.of(home, ".docker", "desktop", "docker.sock"));
        });
        return sockets;
    }

    private static boolean pings(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return ping(Channels.newOutputStream(channel), Channels.newInputStream(channel));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean pings(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) ANSWER_WITHIN_MILLIS);
            socket.setSoTimeout((int) ANSWER_WITHIN_MILLIS);
            return ping(socket.getOutputStream(), socket.getInputStream());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean ping(OutputStream out, InputStream in) throws IOException {
        out.write("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
        return statusLine.matches("HTTP/1\\.[01] 200");
    }
}
