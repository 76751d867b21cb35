package com.kustomergateway.application.submit;

import java.time.Duration;

/**
 * How long a caller waits for its change's delivery before it is answered with the operation as it stands
 * ({@code gateway.await-window}, {@link com.kustomergateway.application.GatewaySettings#awaitWindow()}).
 */
public record SubmitSettings(Duration awaitWindow) {
}
