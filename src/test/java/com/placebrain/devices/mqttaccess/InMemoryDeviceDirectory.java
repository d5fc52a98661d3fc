package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.devices.TokenVerifier;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.mindrot.jbcrypt.BCrypt;

/**
 * Our own registry look-up, backed by a map: stands in for the devices table, not for a
 * database client. Counts look-ups, which happen exactly when a check was not answered from
 * the cache, and can run a hook during one, to interleave a concurrent change.
 */
final class InMemoryDeviceDirectory implements DeviceDirectory {

    private final Map<UUID, DeviceCredentials> devices = new ConcurrentHashMap<>();
    private final TokenVerifier verifier;
    final AtomicInteger lookups = new AtomicInteger();
    volatile Runnable duringLookup = () -> { };

    InMemoryDeviceDirectory(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** A token as this service makes it: a cheap bcrypt (cost 4) and its fast verifier. */
    void put(UUID deviceId, UUID placeId, String token) {
        String hash = BCrypt.hashpw(token, BCrypt.gensalt(4));
        devices.put(deviceId, new DeviceCredentials(placeId, hash, verifier.create(deviceId, hash, token)));
    }

    /**
     * A token as the Python service makes it: bcrypt only ($2b$ if asked). With
     * {@code keepVerifier} it replaces a token and leaves the old verifier behind, as the Python
     * service does after a rollback (it knows nothing of the column).
     */
    void putWithoutVerifier(UUID deviceId, UUID placeId, String token, boolean pythonPrefix, boolean keepVerifier) {
        String hash = BCrypt.hashpw(token, BCrypt.gensalt(4));
        String left = keepVerifier && devices.containsKey(deviceId) ? devices.get(deviceId).tokenVerifier() : null;
        devices.put(deviceId, new DeviceCredentials(placeId, pythonPrefix ? "$2b$" + hash.substring(4) : hash, left));
    }

    void remove(UUID deviceId) {
        devices.remove(deviceId);
    }

    Optional<String> verifierOf(UUID deviceId) {
        return Optional.ofNullable(devices.get(deviceId)).map(DeviceCredentials::tokenVerifier);
    }

    @Override
    public Optional<DeviceCredentials> find(UUID deviceId) {
        lookups.incrementAndGet();
        Optional<DeviceCredentials> found = Optional.ofNullable(devices.get(deviceId));
        duringLookup.run();
        return found;
    }

    @Override
    public void storeVerifier(UUID deviceId, String tokenHash, String verifier) {
        devices.computeIfPresent(deviceId, (id, now) -> now.tokenHash().equals(tokenHash)
                ? new DeviceCredentials(now.placeId(), tokenHash, verifier) : now);
    }
}
