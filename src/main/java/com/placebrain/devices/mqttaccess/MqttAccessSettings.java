package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.platform.config.SettingsReader;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * MQTT access control's settings (see {@link SettingsReader} for the pattern). The three
 * secrets (hook, collector, and the service's own password in ServiceSettings) are each an
 * optional value compared by {@code Secrets.configured(...).matches}.
 *
 * @param hookSecret what EMQX must send with every hook request ({@link HookSecret}); empty: none asked
 * @param hookSecretHeader the header it comes in, an HTTP header name
 * @param collectorSecret the collector's MQTT password ({@link CollectorSecret}); empty: collector denied
 * @param authCacheTtlSeconds how long a passed device check is remembered after the device's last
 *     login ({@link DeviceAuthCache}), at most a day; 0 turns that memory off
 * @param authLocalMaxAgeMillis how long a replica answers a device's login from its own copy of what
 *     Redis held ({@link RecentDeviceChecks}), at most 10 s; 0 turns that layer off
 * @param bcryptPerUsername bcrypt checks per username within the window ({@link BcryptBudget})
 * @param bcryptPerSource of those, per (username, client address)
 * @param bcryptWindowSeconds the budget's window
 * @param emqxApiUrl EMQX's REST API, to end revoked clients' sessions ({@link BrokerSessions}); empty: off
 * @param emqxApiKey sent as HTTP basic user name, with {@code emqxApiSecret} as password
 * @param emqxApiTimeoutMillis connect and request timeout of a kick
 */
public record MqttAccessSettings(Optional<String> hookSecret, String hookSecretHeader, Optional<String> collectorSecret,
        int authCacheTtlSeconds, int authLocalMaxAgeMillis, int bcryptPerUsername, int bcryptPerSource, int bcryptWindowSeconds,
        Optional<URI> emqxApiUrl, Optional<String> emqxApiKey, Optional<String> emqxApiSecret, int emqxApiTimeoutMillis) {

    public static final String HOOK_SECRET = "devices.emqx.hook-secret";
    public static final String HOOK_SECRET_HEADER = "devices.emqx.hook-secret-header";
    public static final String COLLECTOR_SECRET = "devices.mqtt.collector-secret";
    public static final String AUTH_CACHE_TTL_SECONDS = "devices.mqtt.auth-cache-ttl-seconds";
    public static final String AUTH_LOCAL_MAX_AGE_MS = "devices.mqtt.auth-local-max-age-ms";
    public static final String BCRYPT_PER_USERNAME = "devices.mqtt.bcrypt-per-username";
    public static final String BCRYPT_PER_SOURCE = "devices.mqtt.bcrypt-per-source";
    public static final String BCRYPT_WINDOW_SECONDS = "devices.mqtt.bcrypt-window-seconds";
    public static final String EMQX_API_URL = "devices.emqx.api-url";
    public static final String EMQX_API_KEY = "devices.emqx.api-key";
    public static final String EMQX_API_SECRET = "devices.emqx.api-secret";
    public static final String EMQX_API_TIMEOUT_MS = "devices.emqx.api-timeout-ms";
    static final int MAX_AUTH_CACHE_TTL_SECONDS = 86_400;
    /**
     * A replica renews a device's Redis entry at most once per local max age, so the max age must
     * stay far below the entry's time to live (300 s by default); 10 s also bounds how long a lost
     * revocation message could let a replica accept a revoked token.
     */
    static final int MAX_AUTH_LOCAL_MAX_AGE_MILLIS = 10_000;
    /** RFC 9110 token: what a header name may be made of. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    public static MqttAccessSettings read(SettingsReader reader) {
        String header = reader.optional(HOOK_SECRET_HEADER, v -> HEADER_NAME.matcher(v).matches(), "an HTTP header name")
                .orElse("X-Devices-Hook-Secret");
        Optional<URI> apiUrl = reader.optional(EMQX_API_URL, MqttAccessSettings::isHttpUrl, "an http:// or https:// URL")
                .map(URI::create);
        return new MqttAccessSettings(reader.optional(HOOK_SECRET), header, reader.optional(COLLECTOR_SECRET),
                reader.integer(AUTH_CACHE_TTL_SECONDS, 300, 0, MAX_AUTH_CACHE_TTL_SECONDS, "seconds"),
                reader.integer(AUTH_LOCAL_MAX_AGE_MS, 2000, 0, MAX_AUTH_LOCAL_MAX_AGE_MILLIS, "milliseconds"),
                reader.positive(BCRYPT_PER_USERNAME, 20, "checks"), reader.positive(BCRYPT_PER_SOURCE, 5, "checks"),
                reader.positive(BCRYPT_WINDOW_SECONDS, 60, "seconds"),
                apiUrl, reader.optional(EMQX_API_KEY), reader.optional(EMQX_API_SECRET),
                reader.positive(EMQX_API_TIMEOUT_MS, 5000, "milliseconds"));
    }

    private static boolean isHttpUrl(String value) {
        URI uri = URI.create(value);
        return uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
    }

    /** The secrets stay out of logs even if someone logs the record. */
    @Override
    public String toString() {
        return "MqttAccessSettings[hookSecretHeader=" + hookSecretHeader + ", authCacheTtlSeconds=" + authCacheTtlSeconds
                + ", authLocalMaxAgeMillis=" + authLocalMaxAgeMillis
                + ", bcryptPerUsername=" + bcryptPerUsername + ", bcryptPerSource=" + bcryptPerSource
                + ", bcryptWindowSeconds=" + bcryptWindowSeconds + ", emqxApiUrl=" + emqxApiUrl.isPresent()
                + ", emqxApiTimeoutMillis=" + emqxApiTimeoutMillis + ", secrets not shown]";
    }
}
