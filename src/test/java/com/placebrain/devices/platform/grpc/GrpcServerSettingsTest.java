package com.placebrain.devices.platform.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.platform.config.InvalidSettingsException;
import com.placebrain.devices.platform.config.MapConfig;
import com.placebrain.devices.platform.config.SettingsReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrpcServerSettingsTest {

    @Test
    void defaultsListenOnTheLoopbackPortOfTheOriginal() {
        GrpcServerSettings settings = SettingsReader.build(new MapConfig(Map.of()), GrpcServerSettings::read);
        assertEquals("127.0.0.1", settings.host());
        assertEquals(50053, settings.port());
    }

    @Test
    void everyBadValueIsNamed() {
        String message = assertThrows(InvalidSettingsException.class, () -> SettingsReader.build(new MapConfig(Map.of(
                "devices.grpc.port", "70000",
                "devices.grpc.handler-threads", "0",
                "devices.grpc.drain-seconds", "soon")), GrpcServerSettings::read)).getMessage();
        assertTrue(message.contains("devices.grpc.port is invalid"), message);
        assertTrue(message.contains("devices.grpc.handler-threads is invalid"), message);
        assertTrue(message.contains("devices.grpc.drain-seconds is invalid"), message);
    }

    @Test
    void aStarListensOnEveryInterfaceAsLibertysListenerDoes() {
        GrpcServerSettings every = SettingsReader.build(new MapConfig(Map.of("devices.grpc.host", "*")),
                GrpcServerSettings::read);
        assertTrue(every.address().getAddress().isAnyLocalAddress(), every.address().toString());
        assertEquals(50053, every.address().getPort());
        GrpcServerSettings loopback = SettingsReader.build(new MapConfig(Map.of()), GrpcServerSettings::read);
        assertTrue(loopback.address().getAddress().isLoopbackAddress(), loopback.address().toString());
    }
}
