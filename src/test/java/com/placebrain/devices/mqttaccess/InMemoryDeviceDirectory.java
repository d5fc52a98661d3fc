package com.placebrain.devices.mqttaccess;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.mindrot.jbcrypt.BCrypt;

/**
 * Our own registry look-up, backed by a map: stands in for the devices table, not for a
 * database client. Counts look-ups, which happen exactly when a check was not answered from
 * the cache (so a bcrypt ran for a known device), and can run a hook during one, to interleave
 * a concurrent change.
 */
final class InMemoryDeviceDirectory implements DeviceDirectory {

    private final Map<UUID, DeviceCredentials> devices = new ConcurrentHashMap<>();
    final AtomicInteger lookups = new AtomicInteger();
    volatile Runnable duringLookup = () -> { };

    /** Stores a cheap bcrypt (cost 4) of the token, with the Python service's $2b$ prefix if asked. */
    void put(UUID deviceId, UUID placeId, String token, boolean pythonPrefix) {
        String hash = BCrypt.hashpw(token, BCrypt.gensalt(4));
        devices.put(deviceId, new DeviceCredentials(placeId, pythonPrefix ? "$2b$" + hash.substring(4) : hash));
    }

    void put(UUID deviceId, UUID placeId, String token) {
        put(deviceId, placeId, token, false);
    }

    void remove(UUID deviceId) {
        devices.remove(deviceId);
    }

    @Override
    public Optional<DeviceCredentials> find(UUID deviceId) {
        lookups.incrementAndGet();
        Optional<DeviceCredentials> found = Optional.ofNullable(devices.get(deviceId));
        duringLookup.run();
        return found;
    }
}
