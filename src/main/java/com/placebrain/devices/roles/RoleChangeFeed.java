package com.placebrain.devices.roles;

import com.placebrain.devices.platform.redis.RedisEndpoint;
import com.placebrain.devices.platform.redis.RedisSubscription;
import com.placebrain.devices.platform.validation.CanonicalUuid;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;

/**
 * Redis' report of every change to the places' roles hashes, for {@link RoleCopies}: server-assisted
 * client tracking in broadcast mode on the prefix {@code place_roles:}, its invalidations redirected
 * to the same connection's subscription to {@code __redis__:invalidate} (Redis 6+). Redis sends the
 * name of every key with that prefix that any client changes, deletes, or that expires or is
 * evicted, and a message without a key when any database is flushed. The tracking lives and dies
 * with the connection: {@link RedisSubscription} keeps it up, and while it is down no copy is used.
 */
@ApplicationScoped
public class RoleChangeFeed implements RedisSubscription.Handler {

    private static final Logger LOG = Logger.getLogger(RoleChangeFeed.class.getName());
    static final String INVALIDATIONS = "__redis__:invalidate";

    private final RoleCopies copies;
    private final RedisSubscription subscription;

    @Inject
    RoleChangeFeed(RoleCopies copies, RedisEndpoint endpoint, ThreadFactory threads) {
        this.copies = copies;
        this.subscription = new RedisSubscription("Role change tracking", "role-changes",
                "every role check reads Redis", INVALIDATIONS, endpoint, this, threads, LOG);
    }

    /** For CDI's client proxy. */
    protected RoleChangeFeed() {
        this.copies = null;
        this.subscription = null;
    }

    /** Tracks in the background; nothing when no roles are kept. */
    public void start() {
        if (copies.enabled()) {
            subscription.start();
        }
    }

    public void stop() {
        subscription.stop();
    }

    @Override
    public void prepare(Connection connection) {
        Object id = connection.executeCommand(new CommandArguments(Protocol.Command.CLIENT).add("ID"));
        connection.executeCommand(new CommandArguments(Protocol.Command.CLIENT).add("TRACKING").add("ON")
                .add("REDIRECT").add(String.valueOf(id)).add("BCAST").add("PREFIX").add(RoleCache.PLACE_ROLES));
    }

    @Override
    public void up() {
        copies.feedUp();
    }

    @Override
    public void down() {
        copies.feedDown();
    }

    @Override
    public void message(String key) {
        Optional<UUID> place = key != null && key.startsWith(RoleCache.PLACE_ROLES)
                ? CanonicalUuid.inName(key.substring(RoleCache.PLACE_ROLES.length()))
                : Optional.empty();
        if (place.isPresent()) {
            copies.changed(place.get());
        } else {
            // A flush (no key), or a key no role is read from: which copies it meant is unknown.
            copies.changedAll();
        }
    }
}
