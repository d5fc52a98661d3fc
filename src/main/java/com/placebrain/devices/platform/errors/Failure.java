package com.placebrain.devices.platform.errors;

import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a failure means to a caller, whatever the transport: an answer it can act on, a store out
 * of service, or a bug. Transports map these to their own statuses and nothing else reaches
 * callers; a bug's stack trace stays in the server log under the reference the caller is given.
 */
public sealed interface Failure {

    /** SQLSTATE unique_violation: a row with that key exists. */
    String UNIQUE_VIOLATION = "23505";

    /** An answer for the caller, with a message safe to show. */
    record Refused(ServiceException.Kind kind, String message) implements Failure {
    }

    /** A store is out of service (see {@link DependencyFailures}); trying again later may work. */
    record Unavailable(DependencyFailures.Store store) implements Failure {
    }

    /** Anything else: a bug, logged with its stack trace under {@code reference}. */
    record Unexpected(String reference) implements Failure {
    }

    /** Classifies {@code failure}, cause by cause, outermost first; an unexpected one is logged here. */
    static Failure of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ServiceException service) {
                return new Refused(service.kind(), service.getMessage());
            }
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return new Refused(ServiceException.Kind.ALREADY_EXISTS, "already exists");
            }
        }
        Optional<DependencyFailures.Store> down = DependencyFailures.unavailableStore(failure);
        return down.<Failure>map(Unavailable::new).orElseGet(() -> unexpected(failure));
    }

    /** Logs a failure no caller can act on, with its stack trace, under a new reference for the caller's answer. */
    static Unexpected unexpected(Throwable failure) {
        String reference = UUID.randomUUID().toString();
        Logger.getLogger(Failure.class.getName()).log(Level.SEVERE, "Unexpected failure, reference " + reference, failure);
        return new Unexpected(reference);
    }
}
