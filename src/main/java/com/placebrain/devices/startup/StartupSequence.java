package com.placebrain.devices.startup;

import com.placebrain.devices.devices.DeviceChangeFeed;
import com.placebrain.devices.events.outbox.OutboxRelay;
import com.placebrain.devices.mqttaccess.DeviceRevocationSubscriber;
import com.placebrain.devices.platform.config.AppClassLoader;
import com.placebrain.devices.platform.grpc.GrpcServer;
import com.placebrain.devices.platform.mqtt.MqttConnection;
import com.placebrain.devices.platform.persistence.SchemaMigration;
import com.placebrain.devices.roles.RoleCacheRebuild;
import com.placebrain.devices.roles.RoleChangeFeed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * What must hold before the service takes requests: valid settings, then a migrated schema;
 * then, in the background: the MQTT session, the outbox relay, the role cache's watch, the
 * tracking of role changes, the subscription to device revocations and the LISTEN for device
 * changes; last,
 * the gRPC listener, so no call arrives before all that. On stop, gRPC drains first.
 * An exception here stops the application from starting, with the cause in the log.
 */
@ApplicationScoped
public class StartupSequence {

    private static final Logger LOG = Logger.getLogger(StartupSequence.class.getName());

    @Inject
    Settings settings;

    @Inject
    SchemaMigration schemaMigration;

    @Inject
    GrpcServer grpc;

    @Inject
    MqttConnection mqtt;

    @Inject
    OutboxRelay outboxRelay;

    @Inject
    RoleCacheRebuild roleCacheRebuild;

    @Inject
    RoleChangeFeed roleChanges;

    @Inject
    DeviceRevocationSubscriber deviceRevocations;

    @Inject
    DeviceChangeFeed deviceChanges;

    void onShutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        grpc.stop();
        roleCacheRebuild.stop();
        outboxRelay.stop();
        roleChanges.stop();
        deviceRevocations.stop();
        deviceChanges.stop();
    }

    void onStartup(@Observes Startup event) {
        AppClassLoader.captureFromCurrentThread();
        settings.check();
        LOG.info("Configuration valid");
        schemaMigration.migrate();
        mqtt.connectInBackground();
        outboxRelay.start();
        roleCacheRebuild.start();
        roleChanges.start();
        deviceRevocations.start();
        deviceChanges.start();
        grpc.start();
    }
}
