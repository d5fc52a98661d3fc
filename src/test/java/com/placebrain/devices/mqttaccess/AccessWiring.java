package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.platform.config.ServiceSettings;
import com.placebrain.devices.roles.RoleCache;
import java.lang.reflect.Field;
import java.util.Optional;
import java.util.UUID;
import redis.clients.jedis.JedisPooled;

/** The MQTT access beans wired by hand, as CDI would, on the real Redis and an in-memory registry. */
final class AccessWiring {

    static final String CACHE_KEY = "test-auth-cache-key-of-at-least-32-bytes";
    static final String COLLECTOR_SECRET = "collector-secret-0123456789abcdef0123456789";
    static final String SERVICE_USERNAME = "devices-service";
    static final String SERVICE_PASSWORD = "service-password-0123456789abcdef012345678";

    final TestRedis redis;
    final AuthKey authKey = new AuthKey();
    final TokenVerifier verifier = new TokenVerifier();
    final InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory(verifier);
    final DeviceAuthCache cache = new DeviceAuthCache();
    final BcryptBudget budget = new BcryptBudget();
    final DeviceAuthenticator deviceAuthenticator = new DeviceAuthenticator();
    final DevicePlaces devicePlaces = new DevicePlaces();
    final RoleCache roles = new RoleCache();
    final AccessFactsSource facts = new AccessFactsSource();
    final UserCredentialStore users = new UserCredentialStore();
    final CollectorSecret collector = new CollectorSecret();
    final ServiceLogin service = new ServiceLogin();
    final MqttAuthService auth = new MqttAuthService();
    final MqttAclService acl = new MqttAclService();
    final DeviceCredentialRevocation revocation = new DeviceCredentialRevocation();
    final BrokerSessions sessions = new BrokerSessions();

    AccessWiring(TestRedis redis) {
        this(redis, CACHE_KEY);
    }

    AccessWiring(TestRedis redis, String cacheKey) {
        this.redis = redis;
        authKey.configuredKey = Optional.of(cacheKey);
        authKey.init();
        verifier.key = authKey;
        cache.redis = redis.redis;
        cache.keys = redis.keys;
        cache.key = authKey;
        cache.ttlSeconds = 300;
        budget.redis = redis.redis;
        budget.keys = redis.keys;
        deviceAuthenticator.cache = cache;
        deviceAuthenticator.verifier = verifier;
        deviceAuthenticator.budget = budget;
        deviceAuthenticator.directory = directory;
        devicePlaces.cache = cache;
        devicePlaces.directory = directory;
        setField(roles, "redis", redis.redis);
        facts.devicePlaces = devicePlaces;
        facts.roles = roles;
        sessions.redis = redis.redis;
        sessions.keys = redis.keys;
        sessions.executor = Runnable::run;
        users.redis = redis.redis;
        users.keys = redis.keys;
        users.sessions = sessions;
        collector.secret = Optional.of(COLLECTOR_SECRET);
        service.settings = mqttLogin(SERVICE_USERNAME, SERVICE_PASSWORD);
        auth.devices = deviceAuthenticator;
        auth.users = users;
        auth.collector = collector;
        auth.service = service;
        auth.facts = facts;
        auth.sessions = sessions;
        acl.facts = facts;
        acl.service = service;
        revocation.cache = cache;
    }

    /** Settings holding this MQTT login of the service; null for "not configured". */
    static ServiceSettings mqttLogin(String username, String password) {
        return new ServiceSettings("redis://127.0.0.1:6379/0", 2000, "127.0.0.1:9092", "tcp://127.0.0.1:1883",
                Optional.ofNullable(username), Optional.ofNullable(password), "devices-test", 2000, 16384);
    }

    /** bcrypt checks run for this username in the current window, as the budget counts them. */
    int bcryptRuns(String username) {
        String count = redis.redis.get(redis.keys.bcryptCount(username));
        return count == null ? 0 : Integer.parseInt(count);
    }

    /** Gives the user a role in these places in the real role cache's layout (user_places:{id}). */
    void userPlaces(UUID userId, UUID... places) {
        String key = redis.alsoCleanUp("user_places:" + userId);
        for (UUID place : places) {
            redis.redis.sadd(key, place.toString());
        }
    }

    void removeUserPlace(UUID userId, UUID place) {
        redis.redis.srem("user_places:" + userId, place.toString());
    }

    /** RoleCache keeps its client package-private in another package; set it as CDI would. */
    private static void setField(Object target, String name, JedisPooled value) {
        try {
            Field field = target.getClass().getDeclaredField(name);
            field.setAccessible(true);
            field.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
