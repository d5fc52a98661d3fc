package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.platform.TestMetrics;
import com.placebrain.devices.devices.AuthKey;
import com.placebrain.devices.devices.DeviceTokenSettings;
import com.placebrain.devices.devices.TokenVerifier;
import com.placebrain.devices.platform.config.MapConfig;
import com.placebrain.devices.platform.config.ServiceSettings;
import com.placebrain.devices.platform.config.SettingsReader;
import com.placebrain.devices.roles.RoleCache;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import redis.clients.jedis.JedisPooled;

/**
 * The MQTT access beans built as CDI would, through their constructors, on the real Redis and an
 * in-memory registry. Settings are read from keys, as at start-up; kicks run on the caller's thread.
 */
final class AccessWiring {

    static final String CACHE_KEY = "test-auth-cache-key-of-at-least-32-bytes";
    static final String COLLECTOR_SECRET = "collector-secret-0123456789abcdef0123456789";
    static final String SERVICE_USERNAME = "devices-service";
    static final String SERVICE_PASSWORD = "service-password-0123456789abcdef012345678";

    final TestRedis redis;
    final InMemoryDeviceDirectory directory;
    final RecentDeviceChecks recent;
    final DeviceAuthCache cache;
    final BcryptBudget budget;
    final DevicePlaces devicePlaces;
    final RoleCache roles;
    final AccessFactsSource facts;
    final BrokerSessions sessions;
    final UserCredentialStore users;
    final CollectorSecret collector;
    final ServiceLogin service;
    final MqttAuthService auth;
    final MqttAclService acl;
    final DeviceCredentialRevocation revocation;
    final TestMetrics metrics = new TestMetrics();
    private final String cacheKey;
    private final Map<String, String> settings;
    private final ServiceSettings serviceSettings;
    private final InstantSource clock;

    AccessWiring(TestRedis redis) {
        this(redis, CACHE_KEY);
    }

    /** A replica of its own: this HMAC key and an empty registry. */
    AccessWiring(TestRedis redis, String cacheKey) {
        this(redis, cacheKey, Map.of(MqttAccessSettings.COLLECTOR_SECRET, COLLECTOR_SECRET),
                mqttLogin(SERVICE_USERNAME, SERVICE_PASSWORD), InstantSource.system(), null);
    }

    private AccessWiring(TestRedis redis, String cacheKey, Map<String, String> settings, ServiceSettings serviceSettings,
                         InstantSource clock, InMemoryDeviceDirectory sharedDirectory) {
        this.redis = redis;
        this.cacheKey = cacheKey;
        this.settings = settings;
        this.serviceSettings = serviceSettings;
        this.clock = clock;
        MqttAccessSettings access = accessSettings(settings);
        AuthKey authKey = new AuthKey(SettingsReader.build(new MapConfig(Map.of(DeviceTokenSettings.AUTH_KEY, cacheKey)),
                DeviceTokenSettings::read));
        TokenVerifier verifier = new TokenVerifier(authKey);
        directory = sharedDirectory != null ? sharedDirectory : new InMemoryDeviceDirectory(verifier);
        LoginMetrics loginMetrics = new LoginMetrics(metrics.registry);
        recent = new RecentDeviceChecks(access, loginMetrics);
        cache = new DeviceAuthCache(redis.redis, redis.keys, authKey, recent, access);
        budget = new BcryptBudget(redis.redis, redis.keys, access);
        DeviceAuthenticator deviceAuthenticator = new DeviceAuthenticator(cache, verifier, budget, directory,
                loginMetrics);
        devicePlaces = new DevicePlaces(cache, directory);
        roles = new RoleCache(redis.redis);
        facts = new AccessFactsSource(devicePlaces, roles);
        sessions = new BrokerSessions(redis.redis, redis.keys, access, clock, Runnable::run);
        users = new UserCredentialStore(redis.redis, redis.keys, sessions, clock);
        collector = new CollectorSecret(access);
        service = new ServiceLogin(serviceSettings);
        auth = new MqttAuthService(deviceAuthenticator, users, collector, service, facts, sessions);
        acl = new MqttAclService(facts, service);
        revocation = new DeviceCredentialRevocation(cache);
    }

    /** The same Redis, key and registry with these settings over the current ones ("" unsets a key). */
    AccessWiring with(Map<String, String> changed) {
        Map<String, String> merged = new HashMap<>(settings);
        merged.putAll(changed);
        return new AccessWiring(redis, cacheKey, merged, serviceSettings, clock, directory);
    }

    /** The same, with this MQTT login of the service; null for "not configured". */
    AccessWiring withServiceLogin(String username, String password) {
        return new AccessWiring(redis, cacheKey, settings, mqttLogin(username, password), clock, directory);
    }

    AccessWiring withClock(InstantSource newClock) {
        return new AccessWiring(redis, cacheKey, settings, serviceSettings, newClock, directory);
    }

    /** MQTT access settings read from these keys, the others at their defaults. */
    static MqttAccessSettings accessSettings(Map<String, String> values) {
        return SettingsReader.build(new MapConfig(values), MqttAccessSettings::read);
    }

    /** Settings holding this MQTT login of the service; null for "not configured". */
    static ServiceSettings mqttLogin(String username, String password) {
        return new ServiceSettings("redis://127.0.0.1:6379/0", 2000, "tcp://127.0.0.1:1883",
                Optional.ofNullable(username), Optional.ofNullable(password), "devices-test", 2000, 16384);
    }

    /** bcrypt checks run for this username in the current window, as the budget counts them. */
    int bcryptRuns(String username) {
        String count = redis.redis.get(redis.keys.bcryptCount(username));
        return count == null ? 0 : Integer.parseInt(count);
    }

    /** Gives the user a role in these places in the real role cache's layout (user_places:{id}). */
    void userPlaces(UUID userId, UUID... places) {
        String key = redis.alsoCleanUp(RoleCache.userPlacesKey(userId));
        for (UUID place : places) {
            redis.redis.sadd(key, place.toString());
        }
    }

    void removeUserPlace(UUID userId, UUID place) {
        redis.redis.srem(RoleCache.userPlacesKey(userId), place.toString());
    }
}
