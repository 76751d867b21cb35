package com.kustomergateway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * Closed-loop load, as wrk makes it: {@code clients} threads, each sending its next request as soon as the last
 * one is answered, on a connection of its own (HTTP/1.1 keep-alive), for a time or until a number of requests is
 * reached. An answer that is not HTTP 200 or that {@code accepted} refuses counts as an error.
 */
final class Load {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;
    private final String token;
    private final boolean safeToRepeat;

    Load(String baseUrl, String token) {
        this(URI.create(baseUrl + "/graphql"), token, false);
    }

    private Load(URI uri, String token, boolean safeToRepeat) {
        this.uri = uri;
        this.token = token;
        this.safeToRepeat = safeToRepeat;
    }

    /**
     * The same load for requests that may be sent twice (queries): a request that got no byte back on a reused
     * keep-alive connection is sent once more on a new one, as browsers do. The JDK's client meets such a connection,
     * closed under it, about once in 100,000 requests here; a mutation is never repeated, since it may have been
     * accepted.
     */
    Load safeToRepeat() {
        return new Load(uri, token, true);
    }

    /** Sends one GraphQL body and answers the response's body; throws unless HTTP 200. */
    String post(String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(body), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Runs for {@code duration}; {@code body} makes the n-th request's body (n counted across clients). */
    Result during(int clients, Duration duration, LongFunction<String> body, Predicate<String> accepted)
            throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        return run(clients, body, accepted, n -> System.nanoTime() < deadline);
    }

    /** Sends exactly {@code requests}. */
    Result count(int clients, long requests, LongFunction<String> body, Predicate<String> accepted)
            throws InterruptedException {
        return run(clients, body, accepted, n -> n < requests);
    }

    private interface Continue {
        boolean with(long next);
    }

    private Result run(int clients, LongFunction<String> body, Predicate<String> accepted, Continue more)
            throws InterruptedException {
        AtomicLong sequence = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<String> firstError = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            long[][] mine = {new long[1024]};
            int[] size = {0};
            Thread thread = new Thread(() -> {
                long n;
                while (more.with(n = sequence.getAndIncrement())) {
                    long sent = System.nanoTime();
                    String problem = null;
                    try {
                        HttpResponse<String> response = send(body.apply(n));
                        if (response.statusCode() != 200 || !accepted.test(response.body())) {
                            problem = "HTTP " + response.statusCode() + ": " + response.body();
                        }
                    } catch (IOException e) {
                        problem = e.toString();
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (problem != null) {
                        errors.incrementAndGet();
                        synchronized (firstError) {
                            if (firstError.isEmpty()) {
                                firstError.add(problem);
                            }
                        }
                    }
                    if (size[0] == mine[0].length) {
                        mine[0] = Arrays.copyOf(mine[0], size[0] * 2);
                    }
                    mine[0][size[0]++] = System.nanoTime() - sent;
                }
                synchronized (latencies) {
                    latencies.add(Arrays.copyOf(mine[0], size[0]));
                }
            }, "load-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(all.length, errors.get(), seconds, Latencies.of(all),
                firstError.isEmpty() ? null : firstError.get(0));
    }

    private HttpResponse<String> send(String body) throws IOException, InterruptedException {
        try {
            return http.send(request(body), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            if (!safeToRepeat || !String.valueOf(e.getMessage()).contains("received no bytes")) {
                throw e;
            }
            return http.send(request(body), HttpResponse.BodyHandlers.ofString());
        }
    }

    private HttpRequest request(String body) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    record Result(long requests, long errors, double seconds, Latencies latency, String firstError) {
        double perSecond() {
            return requests / seconds;
        }

        /** Throws, naming the first refusal, unless every request was answered as expected. */
        Result requireNoErrors(String what) {
            if (requests == 0) {
                throw new IllegalStateException(what + ": no request was answered");
            }
            if (errors > 0) {
                throw new IllegalStateException(what + ": " + errors + " of " + requests + " requests failed; the "
                        + "first: " + firstError);
            }
            return this;
        }
    }

    /** Milliseconds. */
    record Latencies(double p50, double p99, double max) {
        static Latencies of(long[] sortedNanos) {
            if (sortedNanos.length == 0) {
                return new Latencies(Double.NaN, Double.NaN, Double.NaN);
            }
            return new Latencies(at(sortedNanos, 0.50), at(sortedNanos, 0.99),
                    sortedNanos[sortedNanos.length - 1] / 1e6);
        }

        static Latencies ofMillis(List<Double> millis) {
            return of(millis.stream().mapToLong(m -> Math.round(m * 1e6)).sorted().toArray());
        }

        private static double at(long[] sorted, double quantile) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
        }
    }
}
