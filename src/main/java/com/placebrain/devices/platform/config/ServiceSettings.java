package com.placebrain.devices.platform.config;

import com.placebrain.devices.platform.persistence.DatabaseAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The service's endpoints and secrets, read once through MicroProfile Config. Every key can be
 * overridden by an environment variable (devices.redis.url -> DEVICES_REDIS_URL). Validation
 * happens at start-up so that a bad deployment fails loudly, naming the key, instead of failing
 * on the first request.
 */
@ApplicationScoped
public class ServiceSettings {

    public static final String REDIS_URL = "devices.redis.url";
    public static final String REDIS_TIMEOUT_MS = "devices.redis.timeout-ms";
    public static final String KAFKA_BOOTSTRAP = "devices.kafka.bootstrap.servers";
    public static final String MQTT_URL = "devices.mqtt.url";
    public static final String MQTT_USERNAME = "devices.mqtt.username";
    public static final String MQTT_PASSWORD = "devices.mqtt.password";
    public static final String MQTT_CLIENT_ID = "devices.mqtt.client-id";
    public static final String GRPC_PORT = "devices.grpc.port";
    public static final String HEALTH_TIMEOUT_MS = "devices.health.timeout-ms";
    /** The MQTT URL schemes accepted, as Paho names them: aiomqtt's mqtt:// and mqtts://, and Paho's own. */
    private static final Map<String, String> PAHO_SCHEMES = Map.of("mqtt", "tcp", "tcp", "tcp", "mqtts", "ssl", "ssl", "ssl");
    public static final String HOOK_MAX_BODY_BYTES = "devices.emqx.hook-max-body-bytes";

    @Inject
    Config config;

    private final String generatedMqttClientId = "devices-service-" + java.util.UUID.randomUUID();

    /** Checks every setting and throws one exception listing each missing or invalid key. */
    public void validate() {
        List<String> problems = new ArrayList<>();
        try {
            DatabaseAddress.resolve(optional(DatabaseAddress.URL_KEY).orElse(null),
                    optional(DatabaseAddress.USER_KEY).orElse(null), optional(DatabaseAddress.PASSWORD_KEY).orElse(null),
                    optional(DatabaseAddress.PLATFORM_VARIABLE).orElse(null));
        } catch (IllegalArgumentException unreadable) {
            problems.add(unreadable.getMessage());
        }
        check(problems, REDIS_URL, v -> hasSchemeAndHost(v, "redis", "rediss"), "a redis:// or rediss:// URL");
        check(problems, KAFKA_BOOTSTRAP, ServiceSettings::isHostPortList, "a comma-separated host:port list");
        check(problems, MQTT_URL, v -> hasSchemeAndHost(v, PAHO_SCHEMES.keySet().toArray(String[]::new)),
                "an mqtt://, mqtts://, tcp:// or ssl:// URL");
        optional(MQTT_CLIENT_ID).filter(v -> v.length() > 64)
                .ifPresent(v -> problems.add(MQTT_CLIENT_ID + " is invalid (expected at most 64 characters)"));
        check(problems, GRPC_PORT, ServiceSettings::isPort, "a TCP port 1-65535");
        check(problems, REDIS_TIMEOUT_MS, ServiceSettings::isPositiveInt, "a positive number of milliseconds");
        check(problems, HEALTH_TIMEOUT_MS, ServiceSettings::isPositiveInt, "a positive number of milliseconds");
        check(problems, HOOK_MAX_BODY_BYTES, v -> isPositiveInt(v) && Integer.parseInt(v) < Integer.MAX_VALUE,
                "a positive number of bytes");
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }

    public String redisUrl() { return required(REDIS_URL); }
    public int redisTimeoutMillis() { return Integer.parseInt(required(REDIS_TIMEOUT_MS)); }
    public String kafkaBootstrapServers() { return required(KAFKA_BOOTSTRAP); }
    /**
     * As Paho takes it: {@code mqtt://} and {@code mqtts://} (the Python service's names) become
     * tcp:// and ssl://; host and port only.
     */
    public String mqttUrl() {
        URI uri = URI.create(required(MQTT_URL));
        // Credentials go in devices.mqtt.username/password; a URL is logged, so it never carries them.
        return pahoScheme(uri.getScheme()) + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }
    public Optional<String> mqttUsername() { return optional(MQTT_USERNAME); }
    public Optional<String> mqttPassword() { return optional(MQTT_PASSWORD); }
    /** Each replica needs its own client id (a broker disconnects the older holder of an id). */
    public String mqttClientId() {
        return optional(MQTT_CLIENT_ID).orElse(generatedMqttClientId);
    }
    public int healthTimeoutMillis() { return Integer.parseInt(required(HEALTH_TIMEOUT_MS)); }
    /** The largest EMQX hook body read; EMQX's bodies are a few hundred bytes. */
    public int hookMaxBodyBytes() { return Integer.parseInt(required(HOOK_MAX_BODY_BYTES)); }

    private String required(String key) {
        return optional(key).orElseThrow(() -> new InvalidSettingsException(List.of(key + " is missing")));
    }

    private Optional<String> optional(String key) {
        return config.getOptionalValue(key, String.class).map(String::trim).filter(v -> !v.isEmpty());
    }

    private void check(List<String> problems, String key, java.util.function.Predicate<String> valid, String expected) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            problems.add(key + " is missing (expected " + expected + ")");
        } else if (!valid.test(value.get())) {
            // Values are not echoed: a URL may carry a password. The name is the one the operator set.
            String name = platformVariables().flatMap(platform -> platform.variableOf(key, value.get())).orElse(key);
            problems.add(name + " is invalid (expected " + expected + ")");
        }
    }

    /** Paho's name of an MQTT URL scheme, null for one that is not MQTT. */
    private static String pahoScheme(String scheme) {
        return PAHO_SCHEMES.get(scheme);
    }

    private Optional<PlatformVariables> platformVariables() {
        for (ConfigSource source : config.getConfigSources()) {
            if (source instanceof PlatformVariables platform) {
                return Optional.of(platform);
            }
        }
        return Optional.empty();
    }

    private static boolean hasSchemeAndHost(String value, String... schemes) {
        try {
            URI uri = new URI(value);
            return uri.getHost() != null && List.of(schemes).contains(uri.getScheme());
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean isHostPortList(String value) {
        for (String part : value.split(",")) {
            int colon = part.trim().lastIndexOf(':');
            if (colon <= 0 || !isPort(part.trim().substring(colon + 1))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPort(String value) {
        try {
            int port = Integer.parseInt(value);
            return port > 0 && port <= 65535;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isPositiveInt(String value) {
        try {
            return Integer.parseInt(value) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
