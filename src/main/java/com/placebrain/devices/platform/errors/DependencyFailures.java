package com.placebrain.devices.platform.errors;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Which store, if any, a failure says is out of service rather than what the request or record
 * asked for: the gRPC adapter answers UNAVAILABLE for these, the Kafka consumers retry them
 * instead of sending the record to the DLQ.
 */
public final class DependencyFailures {

    public enum Store { REDIS, POSTGRESQL }

    /**
     * Error replies of a Redis that is up but cannot serve now (restarted and still loading its
     * data, a read-only replica, a replica cut off from its master); Jedis has no type for them.
     */
    private static final List<String> REDIS_NOT_SERVING = List.of("LOADING ", "READONLY ", "MASTERDOWN ");

    private DependencyFailures() {
    }

    /** The first cause, outermost first, that names a store out of service. */
    public static Optional<Store> unavailableStore(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (isRedisUnavailable(cause)) {
                return Optional.of(Store.REDIS);
            }
            if (isPostgresUnavailable(cause)) {
                return Optional.of(Store.POSTGRESQL);
            }
        }
        return Optional.empty();
    }

    /** BUSY (a long-running script) has its own Jedis type; the others only their reply prefix. */
    private static boolean isRedisUnavailable(Throwable cause) {
        return cause instanceof JedisConnectionException
                || cause instanceof JedisBusyException
                || cause instanceof JedisDataException data && data.getMessage() != null
                && REDIS_NOT_SERVING.stream().anyMatch(data.getMessage()::startsWith)
                // the pool had no connection to lend within its wait time
                || cause instanceof JedisException && cause.getCause() instanceof NoSuchElementException;
    }

    /** SQLSTATE class 08 is "connection exception"; 57P01-03 is the server shutting down. */
    private static boolean isPostgresUnavailable(Throwable cause) {
        if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
            return true;
        }
        if (!(cause instanceof SQLException sql) || sql.getSQLState() == null) {
            return false;
        }
        String state = sql.getSQLState();
        return state.startsWith("08") || state.startsWith("57P0");
    }
}
