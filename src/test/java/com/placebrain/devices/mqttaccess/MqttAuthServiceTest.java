package com.placebrain.devices.mqttaccess;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.devices.DeviceTokensRevoked;
import com.placebrain.devices.platform.security.Secrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MQTT logins against the real Redis and an in-memory registry. "Verified" below means the
 * registry was asked; a cache hit asks nothing. bcrypt runs are what the budget counted.
 */
class MqttAuthServiceTest {

    private static final UUID PLACE = UUID.randomUUID();

    private TestRedis redis;
    private AccessWiring world;
    private UUID device;
    private String token;

    @BeforeEach
    void setUp() {
        redis = new TestRedis();
        world = new AccessWiring(redis);
        device = UUID.randomUUID();
        token = Secrets.newToken();
        world.directory.put(device, PLACE, token);
    }

    @AfterEach
    void tearDown() {
        redis.close();
    }

    private AuthDecision login(String password) {
        return world.auth.authenticate("device:" + device, password);
    }

    private int verifications() {
        return world.directory.lookups.get();
    }

    @Test
    void foreignUsernamesAreIgnoredAndMalformedOnesOfOursDenied() {
        assertAll(
                () -> assertEquals(Verdict.IGNORE, world.auth.authenticate("alice", "pw").verdict()),
                () -> assertEquals(Verdict.IGNORE, world.auth.authenticate("", "pw").verdict()),
                () -> assertEquals(Verdict.IGNORE, world.auth.authenticate(null, "pw").verdict()),
                () -> assertEquals(Verdict.IGNORE, world.auth.authenticate("DEVICE:" + device, token).verdict()),
                () -> assertEquals(Verdict.DENY, world.auth.authenticate("device:abc", token).verdict()),
                () -> assertEquals(Verdict.DENY, world.auth.authenticate("device", token).verdict()),
                () -> assertEquals(Verdict.DENY, world.auth.authenticate("user:", "pw").verdict()),
                () -> assertEquals(Verdict.DENY, world.auth.authenticate("collector:x", AccessWiring.COLLECTOR_SECRET).verdict()),
                () -> assertFalse(world.auth.authenticate("alice", "pw").allowed(), "gRPC answers ignore as not allowed"));
        assertEquals(0, verifications());
    }

    @Test
    void aDeviceWithItsTokenIsAllowedWithItsOwnRules() {
        AuthDecision decision = login(token);

        MqttIdentity who = new MqttIdentity.Device(device);
        assertAll(
                () -> assertEquals(Verdict.ALLOW, decision.verdict()),
                () -> assertTrue(decision.allowed()),
                () -> assertEquals(Optional.of(who), decision.identity()),
                () -> assertEquals(OptionalLong.empty(), decision.expiresAt()),
                () -> assertEquals(EmqxAclRules.rulesFor(who, AccessFacts.device(PLACE)), decision.acl()));
        EmqxRuleGrammar.validate(decision.acl());
    }

    @Test
    void tokensHashedByThePythonServiceWork() {
        UUID old = UUID.randomUUID();
        world.directory.putWithoutVerifier(old, PLACE, "python-era-token", true, false);
        assertEquals(Verdict.ALLOW, world.auth.authenticate("device:" + old, "python-era-token").verdict());
    }

    @Test
    void wrongTokensUnknownDevicesAndUnusablePasswordsAreDenied() {
        assertAll(
                () -> assertEquals(Verdict.DENY, login(token + "x").verdict()),
                () -> assertEquals(Verdict.DENY, login("").verdict()),
                () -> assertEquals(Verdict.DENY, login(null).verdict()),
                () -> assertEquals(Verdict.DENY, login("a".repeat(5000)).verdict()),
                () -> assertEquals(Verdict.DENY, world.auth.authenticate("device:" + UUID.randomUUID(), token).verdict()));
        assertTrue(login(token + "x").acl().isEmpty());
    }

    @Test
    void aSecondLoginIsAnsweredFromTheCacheWithoutBcrypt() {
        assertEquals(Verdict.ALLOW, login(token).verdict());
        assertEquals(1, verifications());

        for (int i = 0; i < 5; i++) {
            assertEquals(Verdict.ALLOW, login(token).verdict());
        }
        AuthDecision upperCase = world.auth.authenticate("device:" + device.toString().toUpperCase(Locale.ROOT), token);

        assertEquals(Verdict.ALLOW, upperCase.verdict());
        assertEquals(1, verifications(), "cache hits only");
        assertEquals(6, world.metrics.count("mqtt.login.cache result=hit"), "hits counted");
        assertEquals(1, world.metrics.count("mqtt.login.cache result=miss"), "the first login, a miss");
    }

    @Test
    void aHitRenewsItsEntryButAnEntryOfAnOlderVersionIsNeverRenewed() {
        login(token);
        String entry = redis.keys.deviceAuth(device);
        redis.redis.expire(entry, 5);

        assertEquals(Verdict.ALLOW, login(token).verdict());
        assertEquals(1, verifications(), "a cache hit");
        assertTrue(redis.redis.ttl(entry) > 5, "renewed to the TTL: " + redis.redis.ttl(entry));

        // A revocation whose delete was lost leaves an entry of the old version behind: asking
        // for it (here with a wrong secret, which writes nothing) must not keep it alive.
        redis.redis.incr(redis.keys.deviceCredentialVersion(device));
        redis.redis.expire(entry, 5);
        assertEquals(Verdict.DENY, login(token + "x").verdict());
        assertTrue(redis.redis.ttl(entry) <= 5, "not renewed: " + redis.redis.ttl(entry));
    }

    @Test
    void theCacheHoldsNeitherTokenNorBcryptHash() {
        login(token);
        for (String key : redis.ownKeys()) {
            String value = redis.redis.type(key).equals("string") ? redis.redis.get(key) : "";
            assertFalse(value.contains(token), key);
            assertFalse(value.contains("$2"), key);
        }
    }

    @Test
    void aWrongSecretIsNeverAnsweredFromTheCache() {
        login(token);
        assertEquals(Verdict.DENY, login(token.substring(1) + "A").verdict());
        assertEquals(2, verifications(), "the wrong secret was verified, not matched against the cache");
    }

    @Test
    void aRegeneratedTokenReplacesTheOldOneAtOnce() {
        login(token);
        String newToken = Secrets.newToken();
        world.directory.put(device, PLACE, newToken);
        world.revocation.revokeNow(new DeviceTokensRevoked(Set.of(device)));

        assertEquals(Verdict.DENY, login(token).verdict(), "old token, though it was cached");
        assertEquals(Verdict.ALLOW, login(newToken).verdict());
    }

    @Test
    void aDeletedDeviceIsDeniedAtOnce() {
        login(token);
        world.directory.remove(device);
        world.revocation.revokeNow(new DeviceTokensRevoked(Set.of(device)));

        assertEquals(Verdict.DENY, login(token).verdict());
    }

    @Test
    void aCheckRacingWithARevocationLeavesNoValidEntry() {
        // The check reads the version, then the old token from the registry; the token is
        // regenerated and revoked meanwhile. It may allow this once, but caches nothing usable.
        AtomicBoolean once = new AtomicBoolean(true);
        String newToken = Secrets.newToken();
        world.directory.duringLookup = () -> {
            if (once.getAndSet(false)) {
                world.directory.put(device, PLACE, newToken);
                world.revocation.revokeNow(new DeviceTokensRevoked(Set.of(device)));
            }
        };
        assertEquals(Verdict.ALLOW, login(token).verdict());

        assertEquals(Verdict.DENY, login(token).verdict());
        assertEquals(Verdict.ALLOW, login(newToken).verdict());
    }

    @Test
    void theRevocationAfterCommitDropsWhatWasCachedBeforeTheCommit() {
        // DeviceService revokes inside its transaction; a check in the window before the commit
        // still reads the old token and caches it under the already bumped version.
        world.revocation.revokeNow(new DeviceTokensRevoked(Set.of(device)));
        assertEquals(Verdict.ALLOW, login(token).verdict());
        String newToken = Secrets.newToken();
        world.directory.put(device, PLACE, newToken); // the commit
        assertEquals(Verdict.ALLOW, login(token).verdict(), "without the second pass the old token would live on");

        world.revocation.revokeAgain(new DeviceTokensRevoked(Set.of(device)));

        assertEquals(Verdict.DENY, login(token).verdict());
        assertEquals(Verdict.ALLOW, login(newToken).verdict());
    }

    @Test
    void aReplicaWithAnotherCacheKeyMissesButStaysCorrect() {
        AccessWiring otherReplica = new AccessWiring(redis, "another-replica-key-of-at-least-32-bytes");
        otherReplica.directory.put(device, PLACE, token);
        login(token);

        assertEquals(Verdict.ALLOW, otherReplica.auth.authenticate("device:" + device, token).verdict());
        assertEquals(1, otherReplica.directory.lookups.get(), "not matched by the first replica's entry");
        assertEquals(Verdict.DENY, otherReplica.auth.authenticate("device:" + device, "guess").verdict());
    }

    @Test
    void wrongAttemptsOnATokenMadeHereNeverRunBcryptAndTheRightOneAlwaysGetsIn() {
        world = world.with(Map.of(MqttAccessSettings.AUTH_CACHE_TTL_SECONDS, "0")); // not cached: as after a restart or a Redis loss
        for (int i = 0; i < 200; i++) {
            assertEquals(Verdict.DENY, login("guess-" + i).verdict());
            if (i % 10 == 0) {
                assertEquals(Verdict.ALLOW, login(token).verdict(), "right secret amid guesses, attempt " + i);
            }
        }
        assertEquals(0, world.bcryptRuns("device:" + device), "every attempt was answered by the verifier");
    }

    @Test
    void aPythonMadeTokenNeedsBcryptOnceThenItsVerifierAnswers() {
        UUID old = UUID.randomUUID();
        world.directory.putWithoutVerifier(old, PLACE, "python-era-token", true, false);
        world = world.with(Map.of(MqttAccessSettings.AUTH_CACHE_TTL_SECONDS, "0"));
        String username = "device:" + old;
        assertEquals(Verdict.ALLOW, world.auth.authenticate(username, "python-era-token").verdict());
        assertTrue(world.directory.verifierOf(old).isPresent(), "a verifier was stored after the bcrypt check");
        for (int i = 0; i < 20; i++) {
            assertEquals(Verdict.DENY, world.auth.authenticate(username, "guess-" + i).verdict());
            assertEquals(Verdict.ALLOW, world.auth.authenticate(username, "python-era-token").verdict());
        }
        assertEquals(1, world.bcryptRuns(username));
    }

    @Test
    void aVerifierLeftBehindByThePythonServiceIsNeverAWayInForTheOldToken() {
        world = world.with(Map.of(MqttAccessSettings.AUTH_CACHE_TTL_SECONDS, "0"));
        assertEquals(Verdict.ALLOW, login(token).verdict());
        world.directory.putWithoutVerifier(device, PLACE, "regenerated-by-python", true, true);

        assertEquals(Verdict.DENY, login(token).verdict(), "the old token, whose verifier is still stored");
        assertEquals(Verdict.ALLOW, login("regenerated-by-python").verdict());
        assertEquals(2, world.bcryptRuns("device:" + device), "both needed bcrypt: the verifier is bound to the old hash");
        assertEquals(Verdict.ALLOW, login("regenerated-by-python").verdict());
        assertEquals(2, world.bcryptRuns("device:" + device), "then the new verifier answers");
    }

    @Test
    void bcryptRunsAreBoundedPerSourceAndPerUsername() {
        world = world.with(Map.of(MqttAccessSettings.BCRYPT_PER_SOURCE, "2", MqttAccessSettings.BCRYPT_PER_USERNAME, "5"));
        UUID old = UUID.randomUUID();
        world.directory.putWithoutVerifier(old, PLACE, "python-era-token", true, false);
        String username = "device:" + old;
        for (int i = 0; i < 10; i++) {
            assertFalse(world.auth.authenticate(username, "guess-" + i, "attacker", "203.0.113.5").allowed());
        }
        assertEquals(2, world.bcryptRuns(username), "one source spends only its own share");
        assertTrue(world.auth.authenticate(username, "python-era-token", "device", "198.51.100.7").allowed(),
                "the device's own address still has its share");

        UUID other = UUID.randomUUID();
        world.directory.putWithoutVerifier(other, PLACE, "other-python-token", false, false);
        String otherName = "device:" + other;
        for (int i = 0; i < 40; i++) {
            world.auth.authenticate(otherName, "guess-" + i, "attacker", "203.0.113." + i);
        }
        assertEquals(5, world.bcryptRuns(otherName), "many sources together spend at most the username's budget");
        assertFalse(world.auth.authenticate(otherName, "other-python-token", "device", "198.51.100.8").allowed(),
                "a never-verified token can then wait for the window (README: what an attacker can do)");
        assertEquals(2 + 1 + 5, world.metrics.count("bcrypt.checks"), "bcrypt checks counted");
        assertEquals(8 + 35 + 1, world.metrics.count("mqtt.login.throttled"), "throttled logins counted");
    }

    @Test
    void theBudgetHoldsUnderParallelAttempts() throws Exception {
        world = world.with(Map.of(MqttAccessSettings.BCRYPT_PER_SOURCE, "5"));
        UUID old = UUID.randomUUID();
        world.directory.putWithoutVerifier(old, PLACE, "python-era-token", false, false);
        String username = "device:" + old;
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            List<Future<AuthDecision>> attempts = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String guess = "guess-" + i;
                attempts.add(pool.submit(() -> world.auth.authenticate(username, guess)));
            }
            for (Future<AuthDecision> attempt : attempts) {
                assertEquals(Verdict.DENY, attempt.get().verdict());
            }
        }
        assertEquals(5, world.bcryptRuns(username));
    }

    @Test
    void theBudgetSourceIsTheClientAddressNeverFreeText() {
        assertAll(
                () -> assertEquals("203.0.113.5", BcryptBudget.sourceOf("203.0.113.5")),
                () -> assertEquals("2001:0db8:0001:0002::/64", BcryptBudget.sourceOf("2001:db8:1:2:aaaa::1")),
                () -> assertEquals("2001:0db8:0001:0002::/64", BcryptBudget.sourceOf("2001:DB8:1:2:bbbb:cccc:dddd:eeee")),
                () -> assertEquals("192.0.2.1", BcryptBudget.sourceOf("::ffff:192.0.2.1")),
                () -> assertEquals("unknown", BcryptBudget.sourceOf("")),
                () -> assertEquals("unknown", BcryptBudget.sourceOf(null)),
                () -> assertEquals("unknown", BcryptBudget.sourceOf("evil.example.com")),
                () -> assertEquals("unknown", BcryptBudget.sourceOf("1:2:3:4:5:6:7:8:9:10")),
                () -> assertEquals("unknown", BcryptBudget.sourceOf("a\nb:c")));
    }

    @Test
    void withTheCacheOffEveryLoginIsVerified() {
        world = world.with(Map.of(MqttAccessSettings.AUTH_CACHE_TTL_SECONDS, "0"));
        login(token);
        login(token);
        assertEquals(2, verifications());
        assertEquals(Verdict.ALLOW, login(token).verdict());
    }

    @Test
    void aUserLogsInWithIssuedCredentialsAndGetsTheCurrentPlaces() {
        UUID user = UUID.randomUUID();
        UUID otherPlace = UUID.randomUUID();
        world.userPlaces(user, PLACE, otherPlace);
        redis.redis.sadd("user_places:" + user, "not-a-place");
        IssuedCredentials issued = world.users.issue(user);

        AuthDecision decision = world.auth.authenticate(issued.username(), issued.password());

        MqttIdentity who = new MqttIdentity.User(user);
        assertAll(
                () -> assertEquals(Verdict.ALLOW, decision.verdict()),
                () -> assertEquals(OptionalLong.of(issued.expiresAt()), decision.expiresAt()),
                () -> assertEquals(EmqxAclRules.rulesFor(who, AccessFacts.user(Set.of(PLACE, otherPlace))),
                        decision.acl()));
        EmqxRuleGrammar.validate(decision.acl());
    }

    @Test
    void aUserIsDeniedWithAWrongOrInvalidatedPassword() {
        UUID user = UUID.randomUUID();
        IssuedCredentials issued = world.users.issue(user);
        IssuedCredentials stranger = world.users.issue(UUID.randomUUID());

        assertEquals(Verdict.DENY, world.auth.authenticate(issued.username(), stranger.password()).verdict());
        world.users.invalidate(List.of(user));
        assertEquals(Verdict.DENY, world.auth.authenticate(issued.username(), issued.password()).verdict());
    }

    @Test
    void theCollectorNeedsTheConfiguredSecret() {
        AuthDecision allowed = world.auth.authenticate("collector", AccessWiring.COLLECTOR_SECRET);
        assertEquals(Verdict.ALLOW, allowed.verdict());
        assertEquals(EmqxAclRules.rulesFor(new MqttIdentity.Collector(), AccessFacts.none()), allowed.acl());
        assertAll(
                () -> assertEquals(Verdict.DENY, world.auth.authenticate("collector", "wrong").verdict()),
                () -> assertEquals(Verdict.DENY, world.auth.authenticate("collector", "").verdict()),
                () -> assertEquals(Verdict.DENY, world.auth.authenticate("collector", null).verdict()));

        world = world.with(Map.of(MqttAccessSettings.COLLECTOR_SECRET, ""));
        assertEquals(Verdict.DENY, world.auth.authenticate("collector", AccessWiring.COLLECTOR_SECRET).verdict());
        assertEquals(Verdict.DENY, world.auth.authenticate("collector", "").verdict());
    }

    @Test
    void theServiceLogsInWithItsConfiguredPasswordAndMayOnlyPublishCommands() {
        AuthDecision allowed = world.auth.authenticate(AccessWiring.SERVICE_USERNAME, AccessWiring.SERVICE_PASSWORD);

        MqttIdentity who = new MqttIdentity.Service(AccessWiring.SERVICE_USERNAME);
        assertAll(
                () -> assertEquals(Verdict.ALLOW, allowed.verdict()),
                () -> assertEquals(Optional.of(who), allowed.identity()),
                () -> assertEquals(OptionalLong.empty(), allowed.expiresAt()),
                () -> assertEquals(EmqxAclRules.rulesFor(who, AccessFacts.none()), allowed.acl()),
                () -> assertEquals(EmqxRule.allow(MqttAction.PUBLISH, "placebrain/+/devices/+/command"), allowed.acl().get(0)));
        EmqxRuleGrammar.validate(allowed.acl());
        assertAll(
                () -> assertEquals(Verdict.DENY, world.auth.authenticate(AccessWiring.SERVICE_USERNAME, "wrong").verdict()),
                () -> assertEquals(Verdict.DENY, world.auth.authenticate(AccessWiring.SERVICE_USERNAME,
                        AccessWiring.SERVICE_PASSWORD + "x").verdict()),
                () -> assertEquals(Verdict.DENY, world.auth.authenticate(AccessWiring.SERVICE_USERNAME, "").verdict()),
                () -> assertEquals(Verdict.DENY, world.auth.authenticate(AccessWiring.SERVICE_USERNAME, null).verdict()),
                () -> assertEquals(Verdict.DENY, world.auth.authenticate("collector", AccessWiring.SERVICE_PASSWORD).verdict()),
                () -> assertEquals(Verdict.IGNORE, world.auth.authenticate("Devices-Service", AccessWiring.SERVICE_PASSWORD).verdict(),
                        "usernames are compared exactly"));
    }

    @Test
    void withoutAUsernameAndAPasswordTheServiceLoginIsAsForeignAsAnyOther() {
        world = world.withServiceLogin(AccessWiring.SERVICE_USERNAME, null);
        assertEquals(Verdict.IGNORE, world.auth.authenticate(AccessWiring.SERVICE_USERNAME, AccessWiring.SERVICE_PASSWORD).verdict());
        assertEquals(Verdict.IGNORE, world.auth.authenticate(AccessWiring.SERVICE_USERNAME, "").verdict());

        world = world.withServiceLogin(null, AccessWiring.SERVICE_PASSWORD);
        assertEquals(Verdict.IGNORE, world.auth.authenticate(AccessWiring.SERVICE_USERNAME, AccessWiring.SERVICE_PASSWORD).verdict());
        assertEquals(Verdict.IGNORE, world.auth.authenticate("", AccessWiring.SERVICE_PASSWORD).verdict());
    }
}
