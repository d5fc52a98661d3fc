package com.placebrain.devices.platform.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The variables PlaceBrain's deployment sets for the Python service (CONTRACT §7):
 * {@code REDIS__URL}, {@code KAFKA__URL} and {@code MQTT__URL}, read as the service's own keys, so
 * an operator swapping images keeps them ({@code DATABASE__URL} is Liberty's to read:
 * {@code DatabaseAddress}). Its ordinal puts it below environment variables and system
 * properties (so {@code DEVICES_*} win when both are set) and above the defaults of
 * {@code microprofile-config.properties}. Values are checked where every key is,
 * {@link SettingsReader}, which names the variable a bad value came from.
 */
public class PlatformVariables implements ConfigSource {

    static final int ORDINAL = 250;
    /** Our key → the platform variable that provides it. */
    private static final Map<String, String> VARIABLES = Map.of(
            ServiceSettings.REDIS_URL, "REDIS__URL",
            ServiceSettings.KAFKA_BOOTSTRAP, "KAFKA__URL",
            ServiceSettings.MQTT_URL, "MQTT__URL",
            ServiceSettings.MQTT_USERNAME, "MQTT__URL",
            ServiceSettings.MQTT_PASSWORD, "MQTT__URL");

    private final Map<String, String> properties;

    /** Loaded by MicroProfile Config through {@code META-INF/services}: reads the process environment. */
    public PlatformVariables() {
        this(System.getenv());
    }

    PlatformVariables(Map<String, String> environment) {
        Map<String, String> derived = new HashMap<>();
        variable(environment, "REDIS__URL").ifPresent(url -> derived.put(ServiceSettings.REDIS_URL, url));
        variable(environment, "KAFKA__URL").ifPresent(servers -> derived.put(ServiceSettings.KAFKA_BOOTSTRAP, servers));
        variable(environment, "MQTT__URL").ifPresent(url -> mqtt(url, derived));
        this.properties = Collections.unmodifiableMap(derived);
    }

    /** The platform variable behind one of our keys, when this source provides that key's value. */
    Optional<String> variableOf(String key, String value) {
        return value.equals(properties.get(key)) ? Optional.of(VARIABLES.get(key)) : Optional.empty();
    }

    private static Optional<String> variable(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /**
     * Credentials in the URL ({@code mqtt://user:password@host}) become the service's MQTT login and
     * leave the URL, which is logged. A URL that does not parse is passed on as it is, to be refused.
     */
    private static void mqtt(String url, Map<String, String> derived) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            derived.put(ServiceSettings.MQTT_URL, url);
            return;
        }
        String userInfo = uri.getUserInfo();
        if (uri.getHost() == null || userInfo == null || userInfo.isEmpty()) {
            derived.put(ServiceSettings.MQTT_URL, url);
            return;
        }
        derived.put(ServiceSettings.MQTT_URL,
                uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : ""));
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        if (!user.isEmpty()) {
            derived.put(ServiceSettings.MQTT_USERNAME, user);
        }
        if (colon >= 0) {
            derived.put(ServiceSettings.MQTT_PASSWORD, userInfo.substring(colon + 1));
        }
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "PlaceBrain platform variables (REDIS__URL, KAFKA__URL, MQTT__URL)";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
