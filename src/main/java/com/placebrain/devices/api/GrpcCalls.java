package com.placebrain.devices.api;

import com.placebrain.devices.platform.config.AppClassLoader;
import com.placebrain.devices.platform.errors.ServiceException;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Runs a unary call and turns every failure into a gRPC status the caller can act on. Stack
 * traces and SQL stay in the server log, under a reference the caller is given.
 */
final class GrpcCalls {

    private static final Logger LOG = Logger.getLogger(GrpcCalls.class.getName());
    /**
     * Error replies of a Redis that is up but cannot serve now (restarted and still loading its
     * data, a read-only replica, a replica cut off from its master); Jedis has no type for them.
     */
    private static final List<String> REDIS_NOT_SERVING = List.of("LOADING ", "READONLY ", "MASTERDOWN ");

    private GrpcCalls() {
    }

    static <T> void unary(StreamObserver<T> observer, Supplier<T> call) {
        T response;
        try {
            response = AppClassLoader.call(call);
        } catch (RuntimeException | LinkageError e) {
            observer.onError(toStatus(e).asRuntimeException());
            return;
        }
        observer.onNext(response);
        observer.onCompleted();
    }

    static Status toStatus(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ServiceException service) {
                return statusOf(service.kind()).withDescription(service.getMessage());
            }
            String reason = cause.getMessage();
            if (cause instanceof JedisConnectionException || isRedisNotServing(cause)) {
                LOG.warning(() -> "Redis unavailable: " + reason);
                return Status.UNAVAILABLE.withDescription("role cache (Redis) unavailable");
            }
            if (cause instanceof SQLTransientConnectionException || isConnectionFailure(cause)) {
                LOG.warning(() -> "PostgreSQL unreachable: " + reason);
                return Status.UNAVAILABLE.withDescription("database unavailable");
            }
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return Status.ALREADY_EXISTS.withDescription("already exists");
            }
        }
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, reference " + reference, failure);
        return Status.INTERNAL.withDescription("internal error (reference " + reference + ")");
    }

    /** BUSY (a long-running script) has its own Jedis type; the others only their reply prefix. */
    private static boolean isRedisNotServing(Throwable cause) {
        return cause instanceof JedisBusyException
                || cause instanceof JedisDataException data && data.getMessage() != null
                && REDIS_NOT_SERVING.stream().anyMatch(data.getMessage()::startsWith);
    }

    /** SQLSTATE class 08 is "connection exception"; 57P01-03 is the server shutting down. */
    private static boolean isConnectionFailure(Throwable cause) {
        if (!(cause instanceof SQLException sql) || sql.getSQLState() == null) {
            return false;
        }
        String state = sql.getSQLState();
        return state.startsWith("08") || state.startsWith("57P0");
    }

    private static Status statusOf(ServiceException.Kind kind) {
        return switch (kind) {
            case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
            case NOT_FOUND -> Status.NOT_FOUND;
            case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
            case PERMISSION_DENIED -> Status.PERMISSION_DENIED;
            case UNAVAILABLE -> Status.UNAVAILABLE;
        };
    }
}
