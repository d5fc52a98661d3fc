package com.placebrain.devices.platform.health;

import org.eclipse.microprofile.health.HealthCheckResponse;

/** Builds readiness responses that name the dependency and, when DOWN, why. */
final class DependencyCheck {

    private DependencyCheck() {
    }

    static HealthCheckResponse up(String name, String endpoint) {
        return HealthCheckResponse.named(name).up().withData("endpoint", endpoint).build();
    }

    static HealthCheckResponse down(String name, String endpoint, Throwable cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return down(name, endpoint, reason);
    }

    static HealthCheckResponse down(String name, String endpoint, String reason) {
        return HealthCheckResponse.named(name).down()
                .withData("endpoint", endpoint)
                .withData("error", name + " unreachable: " + reason)
                .build();
    }
}
