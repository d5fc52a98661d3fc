package com.placebrain.devices.platform.health;

import com.placebrain.devices.platform.config.ServiceSettings;
import com.placebrain.devices.platform.kafka.KafkaClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

    @Inject
    Admin admin;

    @Inject
    ServiceSettings settings;

    @Inject
    KafkaClients kafka;

    @Override
    public HealthCheckResponse call() {
        String endpoint = kafka.bootstrapServers();
        int timeout = settings.healthTimeoutMillis();
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeout))
                    .nodes().get(timeout + 500L, TimeUnit.MILLISECONDS).size();
            return brokers > 0
                    ? DependencyCheck.up("kafka", endpoint)
                    : DependencyCheck.down("kafka", endpoint, "no broker in cluster metadata");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DependencyCheck.down("kafka", endpoint, e);
        } catch (Exception e) {
            return DependencyCheck.down("kafka", endpoint, e.getCause() != null ? e.getCause() : e);
        }
    }
}
