package com.kustomergateway.adapters.kustomer;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every request the client can make is a route, and the path a delivery records is the one the client sends. */
class KustomerRoutesTest {

    @Test
    void theClientsRequestsAreExactlyTheRoutes() {
        String version = KustomerApi.class.getAnnotation(Path.class).value();
        var client = Arrays.stream(KustomerApi.class.getDeclaredMethods()).filter(method -> !method.isSynthetic())
                .map(method -> httpMethod(method) + " " + version + method.getAnnotation(Path.class).value())
                .collect(Collectors.toSet());
        var routes = Arrays.stream(KustomerRoute.values())
                .map(route -> route.method() + " " + route.template())
                .collect(Collectors.toSet());

        assertThat(client).isEqualTo(routes);
    }

    @Test
    void aRecordedPathEncodesEachValueAsOneSegment() {
        assertThat(KustomerRoute.ADD_NOTE.to("conv_12345abc").path()).isEqualTo("/v1/conversations/conv_12345abc/notes");
        assertThat(KustomerRoute.FIND_OBJECT.to("Customer_Preferences", "kg-1/a b").path())
                .isEqualTo("/v1/klasses/Customer_Preferences/externalId=kg-1%2Fa%20b");
        assertThat(KustomerRoute.LIST_KLASSES.to().with(KustomerRoute.Paths.PAGE, 2)
                .with(KustomerRoute.Paths.PAGE_SIZE, 100).path()).isEqualTo("/v1/klasses?page=2&pageSize=100");
        assertThat(KustomerRoute.DECLARE_ATTRIBUTES.to("kobject.Customer_Preferences").method()).isEqualTo("PUT");
    }

    @Test
    void aRouteTakesExactlyItsParameters() {
        assertThatThrownBy(() -> KustomerRoute.READ_BULK_JOB.to()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KustomerRoute.CREATE_KLASS.to("extra")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String httpMethod(Method method) {
        return Arrays.stream(method.getAnnotations())
                .map(annotation -> annotation.annotationType().getAnnotation(HttpMethod.class))
                .filter(Objects::nonNull).map(HttpMethod::value).findFirst().orElseThrow();
    }
}
