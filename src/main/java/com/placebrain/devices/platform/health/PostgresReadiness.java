package com.placebrain.devices.platform.health;

import com.placebrain.devices.platform.config.ServiceSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

@Readiness
@ApplicationScoped
public class PostgresReadiness implements HealthCheck {

    @Resource(lookup = "jdbc/devices")
    DataSource dataSource;

    @Inject
    ServiceSettings settings;

    @Override
    public HealthCheckResponse call() {
        String endpoint = "jdbc/devices";
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(Math.max(1, settings.healthTimeoutMillis() / 1000))
                    ? DependencyCheck.up("postgresql", endpoint)
                    : DependencyCheck.down("postgresql", endpoint, "connection not valid");
        } catch (Exception e) {
            return DependencyCheck.down("postgresql", endpoint, e);
        }
    }
}
