package com.placebrain.devices.platform.mqtt;

import com.placebrain.devices.platform.config.ServiceSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The service's single MQTT v5 session with the broker. It connects in the background and
 * reconnects by itself, so the service starts (and reports the broker DOWN) when the broker is
 * away, and recovers without a restart. When to try again is ReconnectPolicy's rule; attempts run
 * one at a time on a thread of their own.
 */
@ApplicationScoped
public class MqttConnection {

    private static final Logger LOG = Logger.getLogger(MqttConnection.class.getName());

    @Inject
    ServiceSettings settings;

    private MqttAsyncClient client;
    private MqttConnectionOptions options;
    private final ReconnectPolicy policy = new ReconnectPolicy();
    /** True from the moment an attempt is scheduled until it has succeeded or failed. */
    private final AtomicBoolean attemptPending = new AtomicBoolean();
    /** Failed attempts since the last session: the first is a warning, the others would flood the log. */
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean closing;
    private final ScheduledExecutorService attempts = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mqtt-connect");
        thread.setDaemon(true);
        return thread;
    });

    /** Called once at start-up; returns at once, the connection is made in the background. */
    public void connectInBackground() {
        try {
            client = new MqttAsyncClient(settings.mqttUrl(), settings.mqttClientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException("Cannot create the MQTT client for devices.mqtt.url: " + e.getMessage(), e);
        }
        client.setCallback(new SessionWatch());
        options = new MqttConnectionOptions();
        // Reconnects are ours (ReconnectPolicy), from the first connect on.
        options.setAutomaticReconnect(false);
        options.setCleanStart(true);
        options.setConnectionTimeout(5);
        options.setKeepAliveInterval(30);
        settings.mqttUsername().ifPresent(options::setUserName);
        settings.mqttPassword().ifPresent(p -> options.setPassword(p.getBytes(StandardCharsets.UTF_8)));
        scheduleAttempt(0);
    }

    private void scheduleAttempt(long delayMillis) {
        if (!closing && attemptPending.compareAndSet(false, true)) {
            try {
                attempts.schedule(this::attempt, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                // close() ran in between: no more attempts.
            }
        }
    }

    private void attempt() {
        if (client.isConnected()) {
            // A session came up meanwhile (see disconnected()): nothing to do.
            attemptPending.set(false);
            return;
        }
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    policy.connected(nowMillis());
                    int failed = failures.getAndSet(0);
                    attemptPending.set(false);
                    LOG.info(() -> "Connected to MQTT broker " + settings.mqttUrl()
                            + (failed == 0 ? "" : " after " + failed + " failed attempts"));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    failed(cause);
                }
            });
        } catch (MqttException e) {
            failed(e);
        }
    }

    private void failed(Throwable cause) {
        long delay = policy.afterFailure(cause);
        Level level = failures.getAndIncrement() == 0 ? Level.WARNING : Level.FINE;
        LOG.log(level, () -> "MQTT broker " + settings.mqttUrl() + " did not accept the connection (" + cause.getMessage()
                + "); next attempt in " + delay + " ms (further failures are logged at FINE)");
        attemptPending.set(false);
        scheduleAttempt(delay);
    }

    private static long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    /** Paho's news of the session; only the end of a session matters here. */
    private final class SessionWatch implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (closing) {
                return;
            }
            long delay = policy.afterLoss(nowMillis());
            LOG.warning(() -> "Lost the MQTT broker " + settings.mqttUrl() + " (" + response + "); reconnecting"
                    + (delay == 0 ? "" : " in " + delay + " ms"));
            // The session that ended was made by the last attempt, whose success callback may not
            // have run yet: it must not keep this reconnect from being scheduled.
            attemptPending.set(false);
            scheduleAttempt(delay);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.log(Level.FINE, "MQTT error", exception);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // The service subscribes to nothing.
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Publishers wait on their own token (CommandPublisher).
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // Logged by the attempt that connected.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication.
        }
    }

    public MqttAsyncClient client() {
        return client;
    }

    public boolean isConnected() {
        return client != null && client.isConnected();
    }

    @PreDestroy
    void close() {
        closing = true;
        attempts.shutdownNow();
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(2000).waitForCompletion(2500);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.log(Level.FINE, "MQTT client close", e);
        }
    }
}
