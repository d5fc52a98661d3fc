package com.placebrain.devices.platform.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.mqttaccess.LogCapture;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;

class FailureTest {

    @Test
    void aServiceExceptionAnywhereInTheChainIsTheAnswer() {
        Failure failure = Failure.of(new RuntimeException("wrapped", ServiceException.notFound("device")));
        assertEquals(new Failure.Refused(ServiceException.Kind.NOT_FOUND, "device not found"), failure);
    }

    @Test
    void aUniqueViolationMeansAlreadyExists() {
        Failure failure = Failure.of(new IllegalStateException("flush", new SQLException("duplicate key", "23505")));
        assertEquals(new Failure.Refused(ServiceException.Kind.ALREADY_EXISTS, "already exists"), failure);
    }

    @Test
    void aStoreOutOfServiceIsUnavailable() {
        assertEquals(new Failure.Unavailable(DependencyFailures.Store.REDIS),
                Failure.of(new JedisConnectionException("Connection refused")));
        assertEquals(new Failure.Unavailable(DependencyFailures.Store.POSTGRESQL),
                Failure.of(new RuntimeException(new SQLException("gone", "08006"))));
    }

    @Test
    void anythingElseIsLoggedWithItsStackTraceUnderTheReferenceReturned() {
        try (LogCapture log = new LogCapture(Failure.class)) {
            NullPointerException bug = new NullPointerException("bug");
            Failure.Unexpected unexpected = (Failure.Unexpected) Failure.of(bug);
            assertEquals(1, log.records.size());
            assertTrue(log.records.get(0).getMessage().contains(unexpected.reference()), log.records.get(0).getMessage());
            assertSame(bug, log.records.get(0).getThrown());
        }
    }
}
