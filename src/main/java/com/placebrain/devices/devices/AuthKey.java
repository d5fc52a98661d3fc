package com.placebrain.devices.devices;

import com.placebrain.devices.platform.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * The server's HMAC key for device secrets ({@code devices.mqtt.auth-cache-key}): it keys the
 * Redis auth cache and the fast verifier kept beside each device's bcrypt hash. It must be the
 * same on every replica and across restarts. If it is not set, each replica makes up its own at
 * start: still correct (what another key made is just not usable), but every device then needs a
 * bcrypt check again after a restart and on each other replica, which a guesser can make scarce.
 */
@ApplicationScoped
public class AuthKey {

    private static final Logger LOG = Logger.getLogger(AuthKey.class.getName());
    private static final int MIN_KEY_BYTES = 32;

    private final Secrets.HmacSha256 hmac;

    @Inject
    public AuthKey(DeviceTokenSettings settings) {
        String configured = settings.authKey().orElse(null);
        byte[] key;
        if (configured == null) {
            key = Secrets.randomBytes(MIN_KEY_BYTES);
            LOG.warning("devices.mqtt.auth-cache-key is not set: using a random key of this replica. Set the same "
                    + "key on every replica: else device logins need bcrypt again after each restart and on each "
                    + "other replica, and replicas do not share cached device checks.");
        } else {
            key = configured.getBytes(StandardCharsets.UTF_8);
            if (key.length < MIN_KEY_BYTES) {
                LOG.warning("devices.mqtt.auth-cache-key is shorter than " + MIN_KEY_BYTES + " bytes; use a longer random key");
            }
        }
        hmac = Secrets.hmacSha256(key);
    }

    /** For CDI's client proxy. */
    AuthKey() {
        hmac = null;
    }

    public String hmacHex(String text) {
        return hmac.hex(text);
    }
}
