package com.placebrain.devices.platform.mqtt;

import com.placebrain.devices.platform.config.ServiceSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The service's single MQTT v5 session with the broker. It connects in the background and
 * reconnects by itself, so the service starts (and reports the broker DOWN) when the broker is
 * away, and recovers without a restart.
 */
@ApplicationScoped
public class MqttConnection {

    private static final Logger LOG = Logger.getLogger(MqttConnection.class.getName());

    @Inject
    ServiceSettings settings;

    private static final long FIRST_CONNECT_RETRY_SECONDS = 2;

    private MqttAsyncClient client;
    private MqttConnectionOptions options;
    // Paho reconnects by itself only after a session was once established; until the first
    // connect succeeds the retries are ours.
    private final ScheduledExecutorService firstConnectRetries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mqtt-first-connect");
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
        options = new MqttConnectionOptions();
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 5);
        options.setCleanStart(true);
        options.setConnectionTimeout(5);
        options.setKeepAliveInterval(30);
        settings.mqttUsername().ifPresent(options::setUserName);
        settings.mqttPassword().ifPresent(p -> options.setPassword(p.getBytes(StandardCharsets.UTF_8)));
        connect();
    }

    private void connect() {
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    LOG.info(() -> "Connected to MQTT broker " + settings.mqttUrl());
                    firstConnectRetries.shutdown();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    LOG.warning(() -> "MQTT broker " + settings.mqttUrl() + " unreachable (" + cause.getMessage()
                            + "); retrying in " + FIRST_CONNECT_RETRY_SECONDS + " s");
                    scheduleRetry();
                }
            });
        } catch (MqttException e) {
            LOG.warning(() -> "MQTT connect to " + settings.mqttUrl() + " failed: " + e.getMessage());
            scheduleRetry();
        }
    }

    private void scheduleRetry() {
        if (!firstConnectRetries.isShutdown()) {
            firstConnectRetries.schedule(this::connect, FIRST_CONNECT_RETRY_SECONDS, TimeUnit.SECONDS);
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
        firstConnectRetries.shutdownNow();
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
