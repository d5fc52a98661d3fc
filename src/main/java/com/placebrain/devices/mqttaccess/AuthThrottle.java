package com.placebrain.devices.mqttaccess;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.JedisPooled;

/**
 * Limits how often one username can make us run bcrypt. After {@code auth-failure-limit}
 * failures within {@code auth-failure-window-seconds}, the username is in a cool-down of
 * {@code auth-cooldown-seconds}, re-armed by every further failure. During a cool-down at most
 * one verification per second is let through; every other attempt is denied without one.
 *
 * <p>Why not refuse everything during a cool-down: a client with the right secret must not be
 * locked out by someone else's guessing. A secret in the warm cache is accepted before this
 * throttle is consulted; a right secret that is not cached still gets through on one of these
 * once-a-second verifications (MQTT clients retry), while a guesser is held to one bcrypt per
 * second per username. The state lives in Redis, so the limit holds across replicas.
 */
@ApplicationScoped
public class AuthThrottle {

    private static final Logger LOG = Logger.getLogger(AuthThrottle.class.getName());

    /** 1: verify; 0: deny without verifying. */
    private static final String MAY_VERIFY = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 1 end
            if redis.call('SET', KEYS[2], '1', 'NX', 'EX', 1) then return 1 end
            return 0
            """;

    /** Counts a failure, starts or re-arms the cool-down at the limit; returns the count. */
    private static final String FAILED = """
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
            if count >= tonumber(ARGV[2]) then
              redis.call('SET', KEYS[2], '1', 'EX', ARGV[3])
            end
            return count
            """;

    @Inject
    JedisPooled redis;

    @Inject
    @ConfigProperty(name = "devices.mqtt.auth-failure-limit", defaultValue = "5")
    int failureLimit = 5;

    @Inject
    @ConfigProperty(name = "devices.mqtt.auth-failure-window-seconds", defaultValue = "60")
    int windowSeconds = 60;

    @Inject
    @ConfigProperty(name = "devices.mqtt.auth-cooldown-seconds", defaultValue = "30")
    int cooldownSeconds = 30;

    MqttKeys keys = MqttKeys.PRODUCTION;

    /** Whether a verification of this (canonical) username may run now. */
    public boolean mayVerify(String username) {
        Object answer = redis.eval(MAY_VERIFY, List.of(keys.authCooldown(username), keys.authProbe(username)), List.of());
        return Long.valueOf(1).equals(answer);
    }

    public void failed(String username) {
        int limit = Math.max(failureLimit, 1);
        Object count = redis.eval(FAILED, List.of(keys.authFailures(username), keys.authCooldown(username)),
                List.of(Integer.toString(Math.max(windowSeconds, 1)), Integer.toString(limit),
                        Integer.toString(Math.max(cooldownSeconds, 1))));
        if (Long.valueOf(limit).equals(count)) {
            // Once per window, not per attempt: a guesser must not be able to flood the log.
            LOG.warning(() -> "MQTT auth " + username + ": " + limit + " failures within " + windowSeconds
                    + " s, verifications throttled to one per second for " + cooldownSeconds + " s");
        }
    }

    /** A right secret clears the record, so a device's own typos do not linger. */
    public void succeeded(String username) {
        redis.del(keys.authFailures(username), keys.authCooldown(username));
    }
}
