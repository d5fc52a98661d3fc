package com.placebrain.devices.platform.errors;

/**
 * A failure the caller can act on, with a message safe to show them. Transports translate the
 * kind into their own status (gRPC status code, HTTP status); nothing else reaches callers.
 */
public class ServiceException extends RuntimeException {

    public enum Kind {
        INVALID_ARGUMENT,
        NOT_FOUND,
        ALREADY_EXISTS,
        PERMISSION_DENIED,
        UNAVAILABLE
    }

    private final Kind kind;

    public ServiceException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static ServiceException invalid(String field, String problem) {
        return new ServiceException(Kind.INVALID_ARGUMENT, field + ": " + problem);
    }

    public static ServiceException notFound(String what) {
        return new ServiceException(Kind.NOT_FOUND, what + " not found");
    }

    public static ServiceException alreadyExists(String message) {
        return new ServiceException(Kind.ALREADY_EXISTS, message);
    }

    public static ServiceException permissionDenied(String message) {
        return new ServiceException(Kind.PERMISSION_DENIED, message);
    }

    public static ServiceException unavailable(String message) {
        return new ServiceException(Kind.UNAVAILABLE, message);
    }
}
