package com.placebrain.devices.devices;

import com.placebrain.devices.platform.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.mindrot.jbcrypt.BCrypt;

/**
 * Device MQTT passwords: a new token ({@link Secrets#newToken}), shown once; only a bcrypt hash and a
 * fast verifier ({@link TokenVerifier}) are stored. Hashes written by the Python service ({@code $2b$}) or htpasswd ({@code $2y$}) are
 * verified too: they are the same algorithm as jbcrypt's {@code $2a$} under another prefix.
 */
@ApplicationScoped
public class DeviceTokens {

    @Inject
    DeviceTokenSettings settings;

    @Inject
    TokenVerifier verifier;

    /** A new token of the device, what to store of it, and the token itself to show once. */
    public record IssuedToken(String token, String hash, String verifier) {

        @Override
        public String toString() {
            return "IssuedToken[not shown]";
        }
    }

    public IssuedToken issue(UUID deviceId) {
        String token = Secrets.newToken();
        String hash = BCrypt.hashpw(token, BCrypt.gensalt(settings.bcryptCost()));
        return new IssuedToken(token, hash, verifier.create(deviceId, hash, token));
    }

    public static boolean matches(String token, String hash) {
        if (token == null || hash == null || hash.length() < 4) {
            return false;
        }
        String normalized = hash.startsWith("$2b$") || hash.startsWith("$2y$") ? "$2a$" + hash.substring(4) : hash;
        try {
            return BCrypt.checkpw(token, normalized);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
