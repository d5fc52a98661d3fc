package com.placebrain.devices.api;

import com.google.protobuf.Message;
import com.placebrain.devices.platform.errors.DependencyFailures;
import com.placebrain.devices.platform.errors.ServiceException;
import com.placebrain.devices.platform.validation.RequestText;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a unary call and turns every failure into a gRPC status the caller can act on. Stack
 * traces and SQL stay in the server log, under a reference the caller is given. Every request
 * passes the checks that hold for all fields of all RPCs (RequestText) before the call runs.
 */
final class GrpcCalls {

    private static final Logger LOG = Logger.getLogger(GrpcCalls.class.getName());

    private GrpcCalls() {
    }

    static <T> void unary(Message request, StreamObserver<T> observer, Supplier<T> call) {
        T response;
        try {
            RequestText.refuseNul(request);
            response = call.get();
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
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return Status.ALREADY_EXISTS.withDescription("already exists");
            }
        }
        Optional<DependencyFailures.Store> down = DependencyFailures.unavailableStore(failure);
        if (down.isPresent()) {
            String reason = failure.getMessage();
            return switch (down.get()) {
                case REDIS -> {
                    LOG.warning(() -> "Redis unavailable: " + reason);
                    yield Status.UNAVAILABLE.withDescription("role cache (Redis) unavailable");
                }
                case POSTGRESQL -> {
                    LOG.warning(() -> "PostgreSQL unreachable: " + reason);
                    yield Status.UNAVAILABLE.withDescription("database unavailable");
                }
            };
        }
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, reference " + reference, failure);
        return Status.INTERNAL.withDescription("internal error (reference " + reference + ")");
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
