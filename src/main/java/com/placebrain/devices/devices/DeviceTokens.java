package com.placebrain.devices.devices;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mindrot.jbcrypt.BCrypt;

/**
 * Device MQTT passwords: 32 random bytes as URL-safe text, shown once; only a bcrypt hash is
 * stored. Hashes written by the Python service ({@code $2b$}) or htpasswd ({@code $2y$}) are
 * verified too: they are the same algorithm as jbcrypt's {@code $2a$} under another prefix.
 */
@ApplicationScoped
public class DeviceTokens {

    static final int MAX_COST = 14;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    @ConfigProperty(name = "devices.bcrypt.cost", defaultValue = "10")
    int cost;

    public String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String hash(String token) {
        return BCrypt.hashpw(token, BCrypt.gensalt(Math.min(Math.max(cost, 4), MAX_COST)));
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
