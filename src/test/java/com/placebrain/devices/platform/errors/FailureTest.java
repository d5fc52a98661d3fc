package com.placebrain.devices.platform.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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
        Logger logger = Logger.getLogger(Failure.class.getName());
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            NullPointerException bug = new NullPointerException("bug");
            Failure failure = Failure.of(bug);
            Failure.Unexpected unexpected = (Failure.Unexpected) failure;
            assertEquals(1, records.size());
            assertTrue(records.get(0).getMessage().contains(unexpected.reference()), records.get(0).getMessage());
            assertSame(bug, records.get(0).getThrown());
        } finally {
            logger.removeHandler(handler);
        }
    }
}
