package com.placebrain.devices.platform.redis;

import io.opentelemetry.api.trace.Tracer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.providers.PooledConnectionProvider;

/**
 * Answers at once while Redis is known to be away, so every call is UNAVAILABLE within the
 * timeout. Without it, a Redis that is shutting down (its port still accepting connections, its
 * answers gone) held each caller for a read timeout, then for a new connection's handshake
 * timeout, then in the pool's queue: 4.4-6.7 s for a 2 s timeout (DependencyOutageIT).
 *
 * <p>A connection that cannot be made opens the circuit (one that breaks in use does not: a slow
 * command or a connection Redis closed says nothing about the others); a connection handed back in
 * good order closes it. While it is open, one call per retry interval is let through to find out
 * whether Redis is back, on a new connection (the pooled ones are dropped first: they may have died
 * with the old Redis); the others fail at once, as a broken connection would.
 */
final class RedisCircuit {

    private static final long CLOSED = 0;
    private final long retryNanos;
    /** {@link System#nanoTime()} before which calls fail fast, or {@link #CLOSED}. */
    private final AtomicLong openUntil = new AtomicLong(CLOSED);
    /** Set while the caller let through to find out whether Redis is back borrows its connection. */
    private final ThreadLocal<Boolean> trial = ThreadLocal.withInitial(() -> false);

    RedisCircuit(long retryMillis) {
        this.retryNanos = retryMillis * 1_000_000L;
    }

    /**
     * A pooled connection provider whose connections report to this circuit; with a tracer (traces
     * on), they are {@link TracedConnection}s.
     */
    PooledConnectionProvider provider(HostAndPort address, JedisClientConfig client,
                                      GenericObjectPoolConfig<Connection> pool, Optional<Tracer> tracer) {
        return new PooledConnectionProvider(new ReportingFactory(address, client, tracer), pool) {
            @Override
            public Connection getConnection() {
                boolean onTrial = admit();
                if (onTrial) {
                    getPool().clear();
                }
                trial.set(onTrial);
                try {
                    return super.getConnection();
                } finally {
                    trial.remove();
                }
            }

            @Override
            public Connection getConnection(CommandArguments args) {
                return getConnection();
            }
        };
    }

    /** Throws while the circuit is open; true for the one caller per interval let through on trial. */
    private boolean admit() {
        long until = openUntil.get();
        if (until == CLOSED) {
            return false;
        }
        long now = System.nanoTime();
        // The caller that moves the deadline on goes through.
        if (now - until < 0 || !openUntil.compareAndSet(until, now + retryNanos)) {
            throw unreachable();
        }
        return true;
    }

    private JedisConnectionException unreachable() {
        return new JedisConnectionException("Redis unreachable (connections failed; tried again every "
                + retryNanos / 1_000_000 + " ms)");
    }

    private void failed() {
        openUntil.set(System.nanoTime() + retryNanos);
    }

    private void succeeded() {
        if (openUntil.get() != CLOSED) {
            openUntil.set(CLOSED);
        }
    }

    private final class ReportingFactory extends ConnectionFactory {

        private final Optional<Tracer> tracer;
        private final HostAndPort address;
        private final JedisClientConfig client;
        private final JedisSocketFactory sockets;

        ReportingFactory(HostAndPort address, JedisClientConfig client, Optional<Tracer> tracer) {
            super(address, client);
            this.tracer = tracer;
            this.address = address;
            this.client = client;
            this.sockets = new DefaultJedisSocketFactory(address, client);
        }

        /** Jedis' own making of a connection (with no client-side cache), but of a traced one. */
        private PooledObject<Connection> make() throws Exception {
            if (tracer.isEmpty()) {
                return super.makeObject();
            }
            return new DefaultPooledObject<>(new TracedConnection(sockets, client, address, tracer.get()));
        }

        @Override
        public PooledObject<Connection> makeObject() throws Exception {
            // Callers queued in the pool before the circuit opened would make one, and wait for
            // the handshake of a Redis that does not answer.
            if (openUntil.get() != CLOSED && !trial.get()) {
                throw unreachable();
            }
            try {
                return make();
            } catch (Exception e) {
                failed();
                throw e;
            }
        }

        @Override
        public void passivateObject(PooledObject<Connection> pooled) throws Exception {
            super.passivateObject(pooled);
            if (!pooled.getObject().isBroken()) {
                succeeded();
            }
        }

    }
}
