package com.placebrain.devices.platform.grpc;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;

/**
 * The standard {@code grpc.health.v1.Health} service. It reports that this process serves
 * gRPC; whether its dependencies answer is the HTTP readiness check's job (/health/ready), so a
 * probe of the transport is not slowed down by probes of PostgreSQL, Redis, Kafka and MQTT.
 */
public class GrpcHealthService implements BindableService {

    private static final HealthStatusManager HEALTH = new HealthStatusManager();

    static {
        HEALTH.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
        HEALTH.setStatus("devices.DevicesService", ServingStatus.SERVING);
    }

    @Override
    public ServerServiceDefinition bindService() {
        return HEALTH.getHealthService().bindService();
    }
}
