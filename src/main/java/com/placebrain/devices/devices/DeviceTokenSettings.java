package com.placebrain.devices.devices;

import com.placebrain.devices.platform.config.SettingsReader;
import java.util.Optional;

/**
 * How device tokens are kept (see {@link SettingsReader} for the pattern).
 *
 * @param bcryptCost of new tokens' hashes: 4 (bcrypt's least) to 14 (about a second a check)
 * @param authKey the server's HMAC key for device secrets ({@link AuthKey}); when empty each
 *     replica makes up its own
 */
public record DeviceTokenSettings(int bcryptCost, Optional<String> authKey) {

    public static final String BCRYPT_COST = "devices.bcrypt.cost";
    public static final String AUTH_KEY = "devices.mqtt.auth-cache-key";

    public static DeviceTokenSettings read(SettingsReader reader) {
        return new DeviceTokenSettings(reader.integer(BCRYPT_COST, 10, 4, 14, "bcrypt rounds (log2)"),
                reader.optional(AUTH_KEY));
    }

    /** The key stays out of logs even if someone logs the record. */
    @Override
    public String toString() {
        return "DeviceTokenSettings[bcryptCost=" + bcryptCost + ", authKey=" + (authKey.isPresent() ? "set" : "unset") + "]";
    }
}
