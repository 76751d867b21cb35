import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kustomer stand-in of the benchmarks: answers the calls the gateway makes as Kustomer does (the key is
 * checked, what is made gets a 24-hex id, bulk jobs are "running" when created and complete at the first poll),
 * either at once or after a delay, and notes when each request arrived. It is the JDK's own HTTP server and needs
 * nothing else, so that it costs the machine as little as possible next to the gateway and Postgres it measures.
 * It does not check bodies against Kustomer's rules: the test suite's stand-in does that.
 *
 * <p>Run: {@code java bench/KustomerStandIn.java API_KEY}. It prints {@code listening on PORT} (a free port).
 * Control, under {@code /__bench/}: {@code POST delay?ms=N}, {@code POST reset} (forgets counts and arrivals),
 * {@code GET stats} (requests by kind, one {@code kind count} a line), {@code GET arrivals} (one
 * {@code epochMicros method path} a line).
 */
public final class KustomerStandIn {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern EXTERNAL_ID = Pattern.compile("\"externalId\"\\s*:\\s*\"([^\"]*)\"");
    private static final String RATE_RESET = "x-ratelimit-reset";

    private final String authorization;
    private final Map<String, List<String>> bulkJobs = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> requestsByKind = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicLong delayMillis = new AtomicLong();

    private KustomerStandIn(String apiKey) {
        this.authorization = "Bearer " + apiKey;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java KustomerStandIn.java API_KEY");
            System.exit(2);
        }
        // Without TCP_NODELAY the server's separate writes of headers and body meet the client's delayed ACK, and
        // every answer on a kept-alive connection takes 40 ms longer.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        KustomerStandIn standIn = new KustomerStandIn(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        // Enough threads that a 100 ms answer never queues behind another at the concurrency the gateway uses.
        server.setExecutor(Executors.newFixedThreadPool(256));
        server.createContext("/", standIn::handle);
        server.start();
        System.out.println("listening on " + server.getAddress().getPort());
        System.out.flush();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant arrived = Instant.now();
        try (exchange) {
            String method = exchange.getRequestMethod();
            String rawPath = exchange.getRequestURI().getRawPath();
            String body = read(exchange.getRequestBody());
            if (rawPath.startsWith("/__bench/")) {
                control(exchange, method, rawPath.substring("/__bench/".length()), exchange.getRequestURI().getQuery());
                return;
            }
            arrivals.add(ChronoUnit.MICROS.between(Instant.EPOCH, arrived) + " " + method + " " + rawPath);
            long delay = delayMillis.get();
            if (delay > 0) {
                Thread.sleep(delay);
            }
            if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                count("unauthorized");
                send(exchange, 401, "{\"errors\":[{\"code\":\"unauthorized\",\"message\":\"Missing or invalid API key\"}]}");
                return;
            }
            answer(exchange, method, segments(rawPath), body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answer(HttpExchange exchange, String method, List<String> path, String body) throws IOException {
        int n = path.size();
        String resource = n > 1 && path.get(0).equals("v1") ? path.get(1) : "";
        if (method.equals("PATCH") && n == 3 && resource.equals("customers")) {
            count("PATCH /customers/{id}");
            send(exchange, 200, envelope("customer", path.get(2), ""));
        } else if (method.equals("POST") && n == 4 && resource.equals("conversations") && path.get(3).equals("notes")) {
            count("POST /conversations/{id}/notes");
            send(exchange, 201, envelope("note", newId(), ""));
        } else if (method.equals("POST") && n == 2 && resource.equals("klasses")) {
            count("POST /klasses");
            send(exchange, 200, envelope("klass", newId(), ""));
        } else if (method.equals("POST") && n == 3 && resource.equals("klasses")) {
            count("POST /klasses/{name}");
            send(exchange, 201, envelope("kobject", newId(), ""));
        } else if (method.equals("POST") && n == 4 && resource.equals("klasses") && path.get(3).equals("bulk")) {
            count("POST /klasses/{name}/bulk");
            List<String> externalIds = new ArrayList<>();
            Matcher matcher = EXTERNAL_ID.matcher(body);
            while (matcher.find()) {
                externalIds.add(matcher.group(1));
            }
            String job = newId();
            bulkJobs.put(job, externalIds);
            // Kustomer answers the create before the job has run.
            send(exchange, 201, envelope("bulk_operation", job, "\"status\":\"running\",\"completed\":false"));
        } else if (method.equals("GET") && n == 3 && resource.equals("bulk") && bulkJobs.containsKey(path.get(2))) {
            count("GET /bulk/{id}");
            send(exchange, 200, envelope("bulk_operation", path.get(2), "\"status\":\"complete\",\"completed\":true"));
        } else if (method.equals("GET") && n == 4 && resource.equals("bulk") && path.get(3).equals("batches")
                && bulkJobs.containsKey(path.get(2))) {
            count("GET /bulk/{id}/batches");
            send(exchange, 200, batches(bulkJobs.get(path.get(2))));
        } else if ((method.equals("GET") || method.equals("PUT")) && n == 3 && resource.equals("metadata")) {
            // Attribute metadata, read and declared before the first change that writes an attribute: none is kept.
            count(method + " /metadata/{resource}");
            send(exchange, 200, envelope("metadata", path.get(2), "\"properties\":{}"));
        } else {
            count("not found: " + method + " " + String.join("/", path));
            send(exchange, 404, "{\"errors\":[{\"status\":404,\"code\":\"not_found\",\"title\":\"Not Found\"}]}");
        }
    }

    private void control(HttpExchange exchange, String method, String command, String query) throws IOException {
        if (method.equals("POST") && command.equals("delay") && query != null && query.startsWith("ms=")) {
            delayMillis.set(Long.parseLong(query.substring(3)));
            send(exchange, 200, "delay " + delayMillis.get() + " ms\n");
        } else if (method.equals("POST") && command.equals("reset")) {
            requestsByKind.clear();
            arrivals.clear();
            send(exchange, 200, "reset\n");
        } else if (method.equals("GET") && command.equals("stats")) {
            StringBuilder text = new StringBuilder();
            new TreeMap<>(requestsByKind).forEach((kind, count) -> text.append(kind).append('\t').append(count).append('\n'));
            send(exchange, 200, text.toString());
        } else if (method.equals("GET") && command.equals("arrivals")) {
            send(exchange, 200, String.join("\n", arrivals) + "\n");
        } else {
            send(exchange, 404, "unknown command\n");
        }
    }

    private void count(String kind) {
        requestsByKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    private static String batches(List<String> externalIds) {
        StringBuilder results = new StringBuilder();
        for (String externalId : externalIds) {
            if (results.length() > 0) {
                results.append(',');
            }
            results.append("{\"id\":\"").append(newId()).append("\",\"externalId\":\"").append(externalId)
                    .append("\",\"status\":\"success\"}");
        }
        return "{\"data\":[{\"type\":\"bulk_batch\",\"id\":\"" + newId() + "\",\"attributes\":{\"status\":\"complete\","
                + "\"results\":[" + results + "]}}]}";
    }

    private static String envelope(String type, String id, String attributes) {
        return "{\"data\":{\"type\":\"" + type + "\",\"id\":\"" + id + "\",\"attributes\":{" + attributes + "}}}";
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("x-ratelimit-limit", "1000000");
        exchange.getResponseHeaders().set("x-ratelimit-remaining", "999999");
        exchange.getResponseHeaders().set(RATE_RESET, Long.toString(Instant.now().plusSeconds(60).getEpochSecond()));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
