package com.kustomergateway.adapters.kustomer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every Kustomer request the gateway makes, with its method and path template, each written once: the REST client's
 * {@code @Path}s are the templates of {@link Paths}, and the exchange a delivery records fills in the same template
 * ({@link #to}). {@code KustomerRoutesTest} holds {@link KustomerApi}'s methods and these routes to each other.
 */
enum KustomerRoute {

    ADD_NOTE("POST", Paths.NOTES),
    CREATE_KLASS("POST", Paths.KLASSES),
    LIST_KLASSES("GET", Paths.KLASSES),
    CREATE_OBJECT("POST", Paths.KLASS),
    CREATE_OBJECTS_IN_BULK("POST", Paths.KLASS_BULK),
    FIND_OBJECT("GET", Paths.OBJECT_BY_EXTERNAL_ID),
    READ_BULK_JOB("GET", Paths.BULK_JOB),
    READ_BULK_RESULTS("GET", Paths.BULK_BATCHES),
    READ_ATTRIBUTE_METADATA("GET", Paths.METADATA),
    DECLARE_ATTRIBUTES("PUT", Paths.METADATA),
    UPDATE_CUSTOMER("PATCH", Paths.CUSTOMER);

    /** The templates, as constants so that {@code @Path} can name them. */
    static final class Paths {
        /** The API version every path is under: {@link KustomerApi}'s own {@code @Path}. */
        static final String VERSION = "/v1";
        static final String NOTES = "/conversations/{id}/notes";
        static final String KLASSES = "/klasses";
        static final String KLASS = "/klasses/{name}";
        static final String KLASS_BULK = "/klasses/{name}/bulk";
        static final String OBJECT_BY_EXTERNAL_ID = "/klasses/{name}/externalId={externalId}";
        static final String BULK_JOB = "/bulk/{id}";
        static final String BULK_BATCHES = "/bulk/{id}/batches";
        static final String METADATA = "/metadata/{resource}";
        static final String CUSTOMER = "/customers/{id}";
        /** The query parameters of a page of Klasses. */
        static final String PAGE = "page";
        static final String PAGE_SIZE = "pageSize";

        private Paths() {
        }
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{[^}]+}");

    private final String method;
    private final String template;

    KustomerRoute(String method, String template) {
        this.method = method;
        this.template = template;
    }

    String method() {
        return method;
    }

    /** The template as the REST client sees it, under the API version, e.g. {@code /v1/customers/{id}}. */
    String template() {
        return Paths.VERSION + template;
    }

    /** This route for these values of its parameters, in order, each encoded as the client encodes a segment. */
    Request to(String... values) {
        Matcher parameters = PARAMETER.matcher(template());
        StringBuilder path = new StringBuilder();
        int next = 0;
        while (parameters.find()) {
            if (next == values.length) {
                throw new IllegalArgumentException(this + " needs a value for " + parameters.group());
            }
            parameters.appendReplacement(path, Matcher.quoteReplacement(segment(values[next++])));
        }
        if (next != values.length) {
            throw new IllegalArgumentException(this + " takes " + next + " values, not " + values.length);
        }
        parameters.appendTail(path);
        return new Request(this, path.toString());
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One request of a route: its path as sent and recorded, encoded, with any query. */
    record Request(KustomerRoute route, String path) {

        String method() {
            return route.method();
        }

        /** The same request with a query parameter; values are numbers or plain words, left as they are. */
        Request with(String parameter, Object value) {
            return new Request(route, path + (path.contains("?") ? "&" : "?") + parameter + "=" + value);
        }
    }
}
