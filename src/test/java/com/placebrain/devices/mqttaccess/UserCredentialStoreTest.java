package com.placebrain.devices.mqttaccess;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.platform.errors.ServiceException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Users' MQTT credentials on the real Redis. */
class UserCredentialStoreTest {

    private TestRedis redis;
    private UserCredentialStore store;
    private final UUID user = UUID.randomUUID();
    private long now;
    private final AtomicLong clockSecond = new AtomicLong();

    @BeforeEach
    void setUp() {
        redis = new TestRedis();
        InstantSource clock = () -> Instant.ofEpochSecond(clockSecond.get());
        store = new UserCredentialStore(redis.redis, redis.keys, new BrokerSessions(redis.redis, redis.keys,
                AccessWiring.accessSettings(Map.of()), clock, Runnable::run), clock);
        now = Instant.now().getEpochSecond();
        at(now);
    }

    @AfterEach
    void tearDown() {
        redis.close();
    }

    private void at(long epochSecond) {
        clockSecond.set(epochSecond);
    }

    @Test
    void issuesARandomUrlSafePasswordValidFor24Hours() {
        IssuedCredentials issued = store.issue(user);

        assertAll(
                () -> assertEquals("user:" + user, issued.username()),
                () -> assertTrue(issued.password().matches("[A-Za-z0-9_-]{43}"), "32 bytes, URL-safe base64, no padding"),
                () -> assertEquals(now + 24 * 3600, issued.expiresAt()),
                () -> assertEquals(OptionalLong.of(issued.expiresAt()), store.verify(user, issued.password())),
                () -> assertFalse(issued.toString().contains(issued.password()), "toString must not show the password"));
        assertNotEquals(issued.password(), store.issue(user).password());
    }

    /** CONTRACT §4: a rollback must find the Python service's layout or no key at all under its name. */
    @Test
    void nothingIsEverWrittenUnderThePythonServicesKey() {
        IssuedCredentials issued = store.issue(user);
        store.verify(user, issued.password());
        store.issue(user);

        assertFalse(redis.redis.exists(redis.prefix + "mqtt:cred:user:" + user));
        assertTrue(redis.redis.exists(redis.prefix + "mqtt:user:credentials:" + user));
    }

    @Test
    void aKeyLeftByThePythonServiceVerifiesNothingAndIsLeftAloneUntilInvalidation() {
        String pythonKey = redis.prefix + "mqtt:cred:user:" + user;
        Map<String, String> pythonLayout = Map.of("username", "user:" + user, "password", "python-issued-password",
                "password_hash", "$2b$12$abcdefghijklmnopqrstuuFakeHashForTheTestOnly0123456789",
                "allowed_place_ids", "[]", "expires_at", Long.toString(now + 3600));
        redis.redis.hset(pythonKey, pythonLayout);

        assertEquals(OptionalLong.empty(), store.verify(user, "python-issued-password"));
        IssuedCredentials issued = store.issue(user);
        assertEquals(OptionalLong.of(issued.expiresAt()), store.verify(user, issued.password()));
        assertEquals(pythonLayout, redis.redis.hgetAll(pythonKey), "issuing ours does not touch it");

        store.invalidate(List.of(user));

        assertFalse(redis.redis.exists(pythonKey), "invalidation deletes the Python service's key too");
        assertEquals(OptionalLong.empty(), store.verify(user, issued.password()));
    }

    @Test
    void keepsOnlyAHashOfEachPasswordUnderItsOwnKey() {
        IssuedCredentials issued = store.issue(user);
        String key = redis.prefix + "mqtt:user:credentials:" + user;

        Map<String, String> stored = redis.redis.hgetAll(key);
        assertEquals(1, stored.size());
        Map.Entry<String, String> entry = stored.entrySet().iterator().next();
        assertAll(
                () -> assertTrue(entry.getKey().matches("[0-9a-f]{64}"), "SHA-256 hex"),
                () -> assertFalse(entry.getKey().contains(issued.password())),
                () -> assertEquals(Long.toString(issued.expiresAt()), entry.getValue()),
                () -> assertTrue(redis.redis.ttl(key) > 24 * 3600 - 10 && redis.redis.ttl(key) <= 24 * 3600,
                        "key TTL is the newest expiry"));
    }

    @Test
    void severalSetsOfOneUserAreValidAtOnce() {
        IssuedCredentials first = store.issue(user);
        at(now + 60);
        IssuedCredentials second = store.issue(user);

        assertAll(
                () -> assertEquals(OptionalLong.of(first.expiresAt()), store.verify(user, first.password())),
                () -> assertEquals(OptionalLong.of(second.expiresAt()), store.verify(user, second.password())),
                () -> assertTrue(redis.redis.ttl(redis.keys.userCredentials(user)) > 24 * 3600 + 30,
                        "TTL follows the newest set (issued 60 s later)"));
    }

    @Test
    void refusesWrongPasswordsAndOtherUsersPasswords() {
        IssuedCredentials mine = store.issue(user);
        UUID other = UUID.randomUUID();
        IssuedCredentials theirs = store.issue(other);

        assertAll(
                () -> assertTrue(store.verify(user, theirs.password()).isEmpty()),
                () -> assertTrue(store.verify(other, mine.password()).isEmpty()),
                () -> assertTrue(store.verify(user, mine.password() + "x").isEmpty()),
                () -> assertTrue(store.verify(user, null).isEmpty()),
                () -> assertTrue(store.verify(user, "").isEmpty()),
                () -> assertTrue(store.verify(user, "a".repeat(5000)).isEmpty()),
                () -> assertTrue(store.verify(UUID.randomUUID(), mine.password()).isEmpty()));
    }

    @Test
    void expiredSetsAreRefusedAndPrunedOnTheNextIssue() {
        at(now - 24 * 3600 + 100); // expires at now + 100
        IssuedCredentials old = store.issue(user);
        at(now);
        assertTrue(store.verify(user, old.password()).isPresent());

        at(now + 101);
        assertTrue(store.verify(user, old.password()).isEmpty(), "expired");
        IssuedCredentials fresh = store.issue(user);

        assertEquals(1, redis.redis.hlen(redis.keys.userCredentials(user)), "the expired set was pruned");
        assertTrue(store.verify(user, fresh.password()).isPresent());
    }

    @Test
    void keepsAtMostTwentySetsDroppingTheOldest() {
        List<IssuedCredentials> issued = new ArrayList<>();
        for (int i = 0; i < UserCredentialStore.MAX_SETS_PER_USER + 5; i++) {
            at(now + i);
            issued.add(store.issue(user));
        }

        assertEquals(UserCredentialStore.MAX_SETS_PER_USER, redis.redis.hlen(redis.keys.userCredentials(user)));
        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < issued.size(); i++) {
            IssuedCredentials set = issued.get(i);
            boolean kept = i >= 5;
            checks.add(() -> assertEquals(kept, store.verify(user, set.password()).isPresent(), set.toString()));
        }
        assertAll(checks);
    }

    @Test
    void aNewSetSurvivesTheCapEvenAmongEqualExpiries() {
        for (int i = 0; i < UserCredentialStore.MAX_SETS_PER_USER + 3; i++) {
            IssuedCredentials set = store.issue(user);
            assertTrue(store.verify(user, set.password()).isPresent(), "set " + i + " just issued");
        }
        assertEquals(UserCredentialStore.MAX_SETS_PER_USER, redis.redis.hlen(redis.keys.userCredentials(user)));
    }

    @Test
    void invalidationDropsEverySetOfTheListedUsersOnly() {
        IssuedCredentials a = store.issue(user);
        IssuedCredentials b = store.issue(user);
        UUID other = UUID.randomUUID();
        IssuedCredentials theirs = store.issue(other);

        store.invalidate(List.of(user));
        store.invalidate(List.of(user));
        store.invalidate(List.of());

        assertAll(
                () -> assertTrue(store.verify(user, a.password()).isEmpty()),
                () -> assertTrue(store.verify(user, b.password()).isEmpty()),
                () -> assertTrue(store.verify(other, theirs.password()).isPresent()));
    }

    @Test
    void credentialsServiceChecksWireIdsBeforeAnything() {
        MqttCredentialsService service = new MqttCredentialsService(store);
        IssuedCredentials issued = service.generate(user.toString());
        assertTrue(store.verify(user, issued.password()).isPresent());

        ServiceException badUser = assertThrows(ServiceException.class,
                () -> service.generate("not-a-uuid"));
        assertEquals(ServiceException.Kind.INVALID_ARGUMENT, badUser.kind());
        assertTrue(badUser.getMessage().startsWith("user_id"));

        ServiceException badList = assertThrows(ServiceException.class,
                () -> service.invalidate(List.of(user.toString(), "")));
        assertTrue(badList.getMessage().startsWith("user_ids"));
        assertTrue(store.verify(user, issued.password()).isPresent(), "nothing dropped when one id is bad");

        service.invalidate(List.of(user.toString()));
        assertTrue(store.verify(user, issued.password()).isEmpty());
    }
}
