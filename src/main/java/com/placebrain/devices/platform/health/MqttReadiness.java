package com.placebrain.devices.platform.health;

import com.placebrain.devices.platform.config.ServiceSettings;
import com.placebrain.devices.platform.mqtt.MqttConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

@Readiness
@ApplicationScoped
public class MqttReadiness implements HealthCheck {

    @Inject
    MqttConnection mqtt;

    @Inject
    ServiceSettings settings;

    @Override
    public HealthCheckResponse call() {
        return mqtt.isConnected()
                ? DependencyCheck.up("mqtt", settings.mqttUrl())
                : DependencyCheck.down("mqtt", settings.mqttUrl(), "not connected to the broker");
    }
}
