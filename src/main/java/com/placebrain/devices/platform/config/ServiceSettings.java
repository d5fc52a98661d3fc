package com.placebrain.devices.platform.config;

import com.placebrain.devices.platform.persistence.DatabaseAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the service's dependencies are and how long it waits for them: the connections area of the
 * settings, read once through MicroProfile Config and checked at start-up (see
 * {@link SettingsReader}). Every key can be overridden by an environment variable
 * (devices.redis.url -> DEVICES_REDIS_URL); the platform's variables reach these keys through
 * {@link PlatformVariables}.
 *
 * @param mqttUrl as Paho takes it: {@code mqtt://} and {@code mqtts://} (the Python service's names)
 *     become tcp:// and ssl://; host and port only (a URL is logged, so it never carries credentials)
 * @param mqttClientId each replica needs its own (a broker disconnects the older holder of an id):
 *     generated when not set
 * @param hookMaxBodyBytes the largest EMQX hook body read; EMQX's bodies are a few hundred bytes
 */
public record ServiceSettings(String redisUrl, int redisTimeoutMillis, String mqttUrl,
        Optional<String> mqttUsername, Optional<String> mqttPassword, String mqttClientId, int healthTimeoutMillis,
        int hookMaxBodyBytes) {

    public static final String REDIS_URL = "devices.redis.url";
    public static final String REDIS_TIMEOUT_MS = "devices.redis.timeout-ms";
    public static final String KAFKA_BOOTSTRAP = "devices.kafka.bootstrap.servers";
    public static final String MQTT_URL = "devices.mqtt.url";
    public static final String MQTT_USERNAME = "devices.mqtt.username";
    public static final String MQTT_PASSWORD = "devices.mqtt.password";
    public static final String MQTT_CLIENT_ID = "devices.mqtt.client-id";
    public static final String HEALTH_TIMEOUT_MS = "devices.health.timeout-ms";
    public static final String HOOK_MAX_BODY_BYTES = "devices.emqx.hook-max-body-bytes";
    /** The MQTT URL schemes accepted, as Paho names them: aiomqtt's mqtt:// and mqtts://, and Paho's own. */
    private static final Map<String, String> PAHO_SCHEMES = Map.of("mqtt", "tcp", "tcp", "tcp", "mqtts", "ssl", "ssl", "ssl");

    /** Reads and checks this area's keys, and the database's (read by Liberty, checked here). */
    public static ServiceSettings read(SettingsReader reader) {
        try {
            DatabaseAddress.resolve(reader.optional(DatabaseAddress.URL_KEY).orElse(null),
                    reader.optional(DatabaseAddress.USER_KEY).orElse(null),
                    reader.optional(DatabaseAddress.PASSWORD_KEY).orElse(null),
                    reader.optional(DatabaseAddress.PLATFORM_VARIABLE).orElse(null));
        } catch (IllegalArgumentException unreadable) {
            reader.problem(unreadable.getMessage());
        }
        String redisUrl = reader.required(REDIS_URL, v -> hasSchemeAndHost(v, "redis", "rediss"), "a redis:// or rediss:// URL");
        // Checked here, where a bad KAFKA__URL is named as such; the clients read it through the
        // connector's bootstrap.servers, which is set from it (KafkaSettings).
        reader.required(KAFKA_BOOTSTRAP, ServiceSettings::isHostPortList, "a comma-separated host:port list");
        String mqttUrl = reader.required(MQTT_URL, v -> hasSchemeAndHost(v, PAHO_SCHEMES.keySet().toArray(String[]::new)),
                "an mqtt://, mqtts://, tcp:// or ssl:// URL");
        String clientId = reader.optional(MQTT_CLIENT_ID, v -> v.length() <= 64, "at most 64 characters")
                .orElse("devices-service-" + UUID.randomUUID());
        return new ServiceSettings(redisUrl, reader.positive(REDIS_TIMEOUT_MS, 2000, "milliseconds"),
                mqttUrl == null ? null : pahoUrl(URI.create(mqttUrl)),
                reader.optional(MQTT_USERNAME), reader.optional(MQTT_PASSWORD), clientId,
                reader.positive(HEALTH_TIMEOUT_MS, 2000, "milliseconds"),
                reader.positive(HOOK_MAX_BODY_BYTES, 16384, "bytes"));
    }

    private static String pahoUrl(URI uri) {
        return PAHO_SCHEMES.get(uri.getScheme()) + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    private static boolean hasSchemeAndHost(String value, String... schemes) {
        try {
            URI uri = new URI(value);
            return uri.getHost() != null && List.of(schemes).contains(uri.getScheme());
        } catch (Exception e) {
            return false;
        }
    }

    /** Kafka's bootstrap.servers form: host:port, comma-separated. */
    public static boolean isHostPortList(String value) {
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
}
