package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.devices.TokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import redis.clients.jedis.JedisPooled;

/**
 * Rations bcrypt checks of device tokens: at most {@code bcrypt-per-username} per username and
 * {@code bcrypt-per-source} per (username, source) within a window of
 * {@code bcrypt-window-seconds}. Both counts are taken in one Lua script, so the limits hold
 * across threads and replicas. Only tokens without a usable fast verifier need bcrypt at all
 * (see {@link TokenVerifier}); this bounds what guessing at those costs.
 *
 * <p>Why per source as well: a guesser from one address then cannot use up the share of the
 * device's own address; it takes {@code per-username / per-source} addresses to spend it all.
 * The source is the client's address as the broker saw it ({@code peerhost} of the EMQX hook),
 * an IPv6 address counted by its /64 (one host usually holds a whole /64). The client id is not
 * used: the client chooses it freely. Calls without an address (gRPC AuthenticateDevice, which
 * the gateway relays) share one source.
 *
 * <p>The per-username count ({@code mqtt:auth:bcrypt:{username}}) is the number of bcrypt checks
 * run for that username in the current window.
 */
@ApplicationScoped
public class BcryptBudget {

    static final String GRPC_SOURCE = "grpc";
    static final String UNKNOWN_SOURCE = "unknown";
    private static final Logger LOG = Logger.getLogger(BcryptBudget.class.getName());
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    /**
     * KEYS: per-username count, per-source count, "refusal reported" flag; ARGV: window, limits.
     * Returns the per-username count after a grant, 0 for a refusal, -1 for the first refusal of
     * the username's window (to be logged once, not once per attempt).
     */
    private static final String TAKE = """
            local total = tonumber(redis.call('GET', KEYS[1]) or '0')
            local mine = tonumber(redis.call('GET', KEYS[2]) or '0')
            if total >= tonumber(ARGV[2]) or mine >= tonumber(ARGV[3]) then
              if redis.call('SET', KEYS[3], '1', 'NX', 'EX', ARGV[1]) then return -1 end
              return 0
            end
            if total == 0 then redis.call('SET', KEYS[1], '1', 'EX', ARGV[1]) else redis.call('INCR', KEYS[1]) end
            if mine == 0 then redis.call('SET', KEYS[2], '1', 'EX', ARGV[1]) else redis.call('INCR', KEYS[2]) end
            return total + 1
            """;

    private final JedisPooled redis;
    private final MqttKeys keys;
    private final int perUsername;
    private final int perSource;
    private final int windowSeconds;

    @Inject
    BcryptBudget(JedisPooled redis, MqttKeys keys, MqttAccessSettings settings) {
        this.redis = redis;
        this.keys = keys;
        this.perUsername = settings.bcryptPerUsername();
        this.perSource = settings.bcryptPerSource();
        this.windowSeconds = settings.bcryptWindowSeconds();
    }

    /** For CDI's client proxy. */
    BcryptBudget() {
        redis = null;
        keys = null;
        perUsername = 0;
        perSource = 0;
        windowSeconds = 0;
    }

    /** Whether a bcrypt check of this (canonical) username, asked from this source, may run now. */
    public boolean take(String username, String source) {
        Object answer = redis.eval(TAKE,
                List.of(keys.bcryptCount(username), keys.bcryptSourceCount(username, source), keys.bcryptRefused(username)),
                List.of(Integer.toString(windowSeconds), Integer.toString(perUsername), Integer.toString(perSource)));
        if (Long.valueOf(-1).equals(answer)) {
            LOG.warning(() -> "MQTT auth " + username + ": bcrypt budget spent (" + perUsername + " per username, "
                    + perSource + " per source within " + windowSeconds + " s); further unverifiable attempts denied");
        }
        return answer instanceof Long granted && granted > 0;
    }

    /**
     * The budget source of a client address: the address itself (IPv4), its /64 (IPv6), or
     * {@code unknown} for anything that is not an address (it must never make up a key of its choice).
     */
    static String sourceOf(String peerhost) {
        if (peerhost == null || peerhost.isEmpty()) {
            return UNKNOWN_SOURCE;
        }
        if (IPV4.matcher(peerhost).matches()) {
            return peerhost;
        }
        if (!peerhost.contains(":") || !IPV6.matcher(peerhost).matches()) {
            return UNKNOWN_SOURCE;
        }
        try {
            byte[] address = InetAddress.getByName(peerhost).getAddress();
            if (address.length == 4) {
                return InetAddress.getByAddress(address).getHostAddress();
            }
            return String.format(Locale.ROOT, "%02x%02x:%02x%02x:%02x%02x:%02x%02x::/64", address[0], address[1],
                    address[2], address[3], address[4], address[5], address[6], address[7]);
        } catch (UnknownHostException e) {
            return UNKNOWN_SOURCE;
        }
    }
}
