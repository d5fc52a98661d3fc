package com.placebrain.devices.api;

import com.google.protobuf.Message;
import com.placebrain.devices.platform.errors.DependencyFailures;
import com.placebrain.devices.platform.errors.Failure;
import com.placebrain.devices.platform.errors.ServiceException;
import com.placebrain.devices.platform.validation.RequestText;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Runs a unary call and maps every failure, as {@link Failure} classifies it, to a gRPC status.
 * Stack traces and SQL stay in the server log, under a reference the caller is given. Every request
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
        return switch (Failure.of(failure)) {
            case Failure.Refused refused -> statusOf(refused.kind()).withDescription(refused.message());
            case Failure.Unavailable(DependencyFailures.Store store) -> switch (store) {
                case REDIS -> {
                    LOG.warning(() -> "Redis unavailable: " + failure.getMessage());
                    yield Status.UNAVAILABLE.withDescription("role cache (Redis) unavailable");
                }
                case POSTGRESQL -> {
                    LOG.warning(() -> "PostgreSQL unreachable: " + failure.getMessage());
                    yield Status.UNAVAILABLE.withDescription("database unavailable");
                }
            };
            case Failure.Unexpected(String reference) ->
                    Status.INTERNAL.withDescription("internal error (reference " + reference + ")");
        };
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
