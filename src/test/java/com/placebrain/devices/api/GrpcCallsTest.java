package com.placebrain.devices.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

class GrpcCallsTest {

    static Stream<Arguments> redisFailures() {
        return Stream.of(
                Arguments.of(new JedisConnectionException("Connection refused"), Status.Code.UNAVAILABLE),
                Arguments.of(new JedisDataException("LOADING Redis is loading the dataset in memory"),
                        Status.Code.UNAVAILABLE),
                Arguments.of(new JedisDataException("READONLY You can't write against a read only replica."),
                        Status.Code.UNAVAILABLE),
                Arguments.of(new JedisDataException(
                        "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'."),
                        Status.Code.UNAVAILABLE),
                Arguments.of(new JedisBusyException("BUSY Redis is busy running a script. You can only call "
                        + "SCRIPT KILL or SHUTDOWN NOSAVE."), Status.Code.UNAVAILABLE),
                Arguments.of(new RuntimeException("wrapped", new JedisDataException("LOADING Redis is loading")),
                        Status.Code.UNAVAILABLE),
                Arguments.of(new JedisDataException("WRONGTYPE Operation against a key holding the wrong kind of value"),
                        Status.Code.INTERNAL),
                Arguments.of(new JedisDataException("ERR unknown command 'X'"), Status.Code.INTERNAL),
                Arguments.of(new JedisDataException((String) null), Status.Code.INTERNAL));
    }

    @ParameterizedTest(name = "[{index}] {0} is {1}")
    @MethodSource("redisFailures")
    void aRedisThatCannotServeIsUnavailableAndNothingElse(Throwable failure, Status.Code expected) {
        assertEquals(expected, GrpcCalls.toStatus(failure).getCode());
    }
}
