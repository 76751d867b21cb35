package com.kustomergateway.adapters.kustomer;

import com.kustomergateway.domain.operation.DeliveryFailure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseBodiesTest {

    @Test
    void readsTheCreatedIdFromTheEnvelope() {
        assertThat(ResponseBodies.dataId("{\"data\":{\"type\":\"note\",\"id\":\"5f1e0a0b0c0d0e0f10111213\"}}"))
                .contains("5f1e0a0b0c0d0e0f10111213");
        assertThat(ResponseBodies.dataId("{\"data\":{\"id\":null}}")).isEmpty();
        assertThat(ResponseBodies.dataId("<html>")).isEmpty();
    }

    @Test
    void readsKustomersPlainErrorShape() {
        assertThat(ResponseBodies.failure(400,
                "{\"errors\":[{\"code\":\"bad_request\",\"message\":\"Invalid attribute\",\"meta\":{}}]}"))
                .isEqualTo(DeliveryFailure.http(400, "bad_request", "Invalid attribute"));
    }

    @Test
    void readsJsonApiErrorsWithTheirPointerOrParameter() {
        assertThat(ResponseBodies.failure(400, "{\"errors\":[{\"status\":\"400\",\"code\":\"invalid\",\"title\":\"Bad\","
                + "\"detail\":\"too long\",\"source\":{\"pointer\":\"/title\"}},"
                + "{\"status\":\"400\",\"title\":\"Unknown\",\"source\":{\"parameter\":\"replace\"}}]}"))
                .isEqualTo(DeliveryFailure.http(400, "invalid", "too long (at /title); Unknown (parameter replace)"));
    }

    @Test
    void quotesTheStartOfABodyThatIsNotKustomerJson() {
        String html = "<html>" + "x".repeat(500) + "</html>";

        DeliveryFailure failure = ResponseBodies.failure(502, html);

        assertThat(failure.code()).isEqualTo("http_502");
        assertThat(failure.message()).hasSize(200).startsWith("<html>");
        assertThat(ResponseBodies.failure(500, "").message()).isEqualTo("HTTP 500 with no body");
    }
}
