package com.placebrain.devices.platform.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Against a Redis that accepts connections and never answers (as one shutting down does): after
 * the first failed connection, calls fail at once, without waiting on another connection.
 */
class RedisCircuitTest {

    private ServerSocket hungRedis;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startHungRedis() throws IOException {
        hungRedis = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!hungRedis.isClosed()) {
                try {
                    accepted.add(hungRedis.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException {
        hungRedis.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    @Test
    void afterOneFailedConnectionCallsFailAtOnceUntilTheRetryInterval() {
        DefaultJedisClientConfig client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(300).socketTimeoutMillis(300).clientName("circuit-test").build();
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(4);
        HostAndPort address = new HostAndPort("127.0.0.1", hungRedis.getLocalPort());
        try (JedisPooled redis = new JedisPooled(new RedisCircuit(60_000).provider(address, client, pool, Optional.empty()))) {
            assertThrows(JedisConnectionException.class, () -> redis.get("k"));
            assertEquals(1, accepted.size(), "the first call tried a connection");
            for (int i = 0; i < 20; i++) {
                JedisConnectionException next = assertThrows(JedisConnectionException.class, () -> redis.get("k"));
                assertTrue(next.getMessage().startsWith("Redis unreachable"), next.getMessage());
            }
            assertEquals(1, accepted.size(), "one connection tried; the others answered at once");
        }
    }
}
