package com.placebrain.devices.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.function.Executable;

/** What gRPC status a call ends with, and assertions on it. */
public final class GrpcStatus {

    private GrpcStatus() {
    }

    /** The status code a call ends with (OK when it succeeds); anything but a gRPC status fails. */
    public static Status.Code codeOf(Callable<?> call) {
        try {
            call.call();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        } catch (Exception e) {
            throw new AssertionError("call failed with something other than a gRPC status", e);
        }
    }

    /** The call ends with {@code expected}, OK meaning it succeeds; {@code what} names the case. */
    public static void assertCode(Status.Code expected, Callable<?> call, String what) {
        if (expected == Status.Code.OK) {
            try {
                call.call();
            } catch (Exception e) {
                throw new AssertionError(what + ": expected OK but got " + e, e);
            }
        } else {
            assertStatus(expected, call::call, what);
        }
    }

    /** The call fails with exactly {@code expected}; {@code what} names the case in the message. */
    public static StatusRuntimeException assertStatus(Status.Code expected, Executable call, String what) {
        Throwable thrown = null;
        try {
            call.execute();
        } catch (Throwable t) {
            thrown = t;
        }
        if (thrown == null) {
            return fail(what + ": expected " + expected + " but the call succeeded");
        }
        if (!(thrown instanceof StatusRuntimeException e)) {
            return fail(what + ": expected " + expected + " but got " + thrown, thrown);
        }
        assertEquals(expected, e.getStatus().getCode(), what + ": " + e.getStatus());
        return e;
    }

    /** INVALID_ARGUMENT whose description names the field. */
    public static void assertInvalid(String field, Executable call, String what) {
        assertInvalidNaming(call, what, field);
    }

    /** INVALID_ARGUMENT whose description names at least one of the fields, and leaks no internals. */
    public static void assertInvalidNaming(Executable call, String what, String... fields) {
        StatusRuntimeException e = assertStatus(Status.Code.INVALID_ARGUMENT, call, what);
        String description = e.getStatus().getDescription();
        assertNotNull(description, what + ": INVALID_ARGUMENT without a description");
        assertTrue(Arrays.stream(fields).anyMatch(description::contains),
                what + ": description \"" + description + "\" should name " + String.join(" or ", fields));
        assertTrue(!description.contains("Exception") && !description.contains("SQL"),
                what + ": description leaks internals: " + description);
    }
}
