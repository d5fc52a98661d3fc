package com.placebrain.devices.startup;

import com.placebrain.devices.commands.CommandSettings;
import com.placebrain.devices.devices.DeviceCopySettings;
import com.placebrain.devices.devices.DeviceTokenSettings;
import com.placebrain.devices.events.inbound.TelemetrySettings;
import com.placebrain.devices.events.outbox.OutboxSettings;
import com.placebrain.devices.mqttaccess.MqttAccessSettings;
import com.placebrain.devices.platform.config.ServiceSettings;
import com.placebrain.devices.platform.config.SettingsReader;
import com.placebrain.devices.platform.grpc.GrpcServerSettings;
import com.placebrain.devices.platform.kafka.KafkaSettings;
import com.placebrain.devices.readings.ReadingSettings;
import com.placebrain.devices.roles.RoleSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * Every area's settings type, the one list of them: checked together at start-up (so one run
 * names every bad key) and produced for injection, each read once.
 */
@ApplicationScoped
public class Settings {

    /** Every settings area; a new area is added here and nowhere else. */
    private static final List<Function<SettingsReader, ?>> AREAS = List.of(
            ServiceSettings::read,
            KafkaSettings::read,
            OutboxSettings::read,
            RoleSettings::read,
            ReadingSettings::read,
            TelemetrySettings::read,
            DeviceTokenSettings::read,
            DeviceCopySettings::read,
            MqttAccessSettings::read,
            CommandSettings::read,
            GrpcServerSettings::read);

    @Inject
    Config config;

    /** Throws {@code InvalidSettingsException} naming every missing or invalid key of every area. */
    public void check() {
        SettingsReader reader = new SettingsReader(config);
        AREAS.forEach(area -> area.apply(reader));
        reader.throwIfInvalid();
    }

    @Produces
    @Singleton
    ServiceSettings service() {
        return SettingsReader.build(config, ServiceSettings::read);
    }

    @Produces
    @Singleton
    KafkaSettings kafka() {
        return SettingsReader.build(config, KafkaSettings::read);
    }

    @Produces
    @Singleton
    OutboxSettings outbox() {
        return SettingsReader.build(config, OutboxSettings::read);
    }

    @Produces
    @Singleton
    RoleSettings roles() {
        return SettingsReader.build(config, RoleSettings::read);
    }

    @Produces
    @Singleton
    ReadingSettings readings() {
        return SettingsReader.build(config, ReadingSettings::read);
    }

    @Produces
    @Singleton
    TelemetrySettings telemetry() {
        return SettingsReader.build(config, TelemetrySettings::read);
    }

    @Produces
    @Singleton
    DeviceTokenSettings deviceTokens() {
        return SettingsReader.build(config, DeviceTokenSettings::read);
    }

    @Produces
    @Singleton
    DeviceCopySettings deviceCopies() {
        return SettingsReader.build(config, DeviceCopySettings::read);
    }

    @Produces
    @Singleton
    MqttAccessSettings mqttAccess() {
        return SettingsReader.build(config, MqttAccessSettings::read);
    }

    @Produces
    @Singleton
    CommandSettings commands() {
        return SettingsReader.build(config, CommandSettings::read);
    }

    @Produces
    @Singleton
    GrpcServerSettings grpcServer() {
        return SettingsReader.build(config, GrpcServerSettings::read);
    }
}
