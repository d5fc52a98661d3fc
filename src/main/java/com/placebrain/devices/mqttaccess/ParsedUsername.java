package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.platform.validation.CanonicalUuid;
import java.util.Objects;
import java.util.Optional;

/**
 * A username classified for the EMQX authentication hook, which must answer differently for the
 * three cases: {@code deny} for a malformed name in one of our schemes (stop the chain: nobody
 * else should accept {@code device:abc}), {@code ignore} for a foreign name (let the next
 * authenticator, e.g. EMQX's built-in database, decide), and check credentials for ours.
 *
 * <p>Schemes are matched case-sensitively, as the original service does: {@code DEVICE:...} is
 * foreign. {@code device} / {@code user} without an id and {@code collector:...} with one are
 * malformed-ours, since they can only be a broken client of ours.
 *
 * <p>The service's own login has no scheme: its configured username, which start-up keeps outside
 * our schemes ({@link ServiceLogin}), is ours when it matches exactly and foreign otherwise.
 */
public sealed interface ParsedUsername {

    record Ours(MqttIdentity identity) implements ParsedUsername {
        public Ours {
            Objects.requireNonNull(identity, "identity");
        }
    }

    /** {@code reason} is for logs; it never repeats the username. */
    record Malformed(String reason) implements ParsedUsername {
    }

    record Foreign() implements ParsedUsername {
    }

    /** With the service's own login, when it is configured. */
    static ParsedUsername of(String username, Optional<MqttIdentity.Service> service) {
        ParsedUsername parsed = of(username);
        return parsed instanceof Foreign && service.isPresent() && service.get().username().equals(username)
                ? new Ours(service.get())
                : parsed;
    }

    /** By our schemes alone. */
    static ParsedUsername of(String username) {
        if (username == null || username.isEmpty()) {
            return new Foreign();
        }
        int colon = username.indexOf(':');
        String scheme = colon < 0 ? username : username.substring(0, colon);
        return switch (scheme) {
            case "device", "user" -> {
                if (colon < 0) {
                    yield new Malformed(scheme + " username without an id");
                }
                String id = username.substring(colon + 1);
                yield CanonicalUuid.inName(id)
                        .<ParsedUsername>map(uuid -> new Ours(scheme.equals("device")
                                ? new MqttIdentity.Device(uuid)
                                : new MqttIdentity.User(uuid)))
                        .orElseGet(() -> new Malformed(scheme + " id is not a canonical UUID"));
            }
            case "collector" -> colon < 0
                    ? new Ours(new MqttIdentity.Collector())
                    : new Malformed("collector username takes no id");
            default -> new Foreign();
        };
    }
}
