package com.placebrain.devices.devices;

import com.placebrain.devices.platform.persistence.ChannelListener;
import com.placebrain.devices.platform.validation.CanonicalUuid;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import javax.sql.DataSource;

/**
 * This replica's LISTEN on PostgreSQL channel {@code device_answers}, where changeset 008's triggers
 * name every device whose row or parts a commit changed: "{@code <device_id> <place_id>}" for the
 * device's own row, "{@code <device_id>}" for a part. Each notification drops the copies of
 * {@link DeviceAnswers} it voids; while the LISTEN is down none are kept or used.
 */
@ApplicationScoped
public class DeviceChangeFeed implements ChannelListener.Handler {

    static final String CHANNEL = "device_answers";

    @Inject
    DeviceAnswers answers;

    @Inject
    ThreadFactory threads;

    /** Held for as long as the replica listens; unshared, so it is nobody else's meanwhile. */
    @Resource(lookup = "jdbc/devices", shareable = false)
    DataSource dataSource;

    private ChannelListener listener;

    /** Listens in the background; nothing when no answers are kept. */
    public synchronized void start() {
        if (!answers.enabled() || listener != null) {
            return;
        }
        listener = new ChannelListener(dataSource, CHANNEL, "GetDevice and ListDevices read PostgreSQL on every call",
                this, threads);
        listener.start();
    }

    public synchronized void stop() {
        if (listener != null) {
            listener.stop();
            listener = null;
        }
    }

    @Override
    public void listening() {
        answers.feedUp();
    }

    @Override
    public void lost() {
        answers.feedDown();
    }

    @Override
    public void notified(String payload) {
        String[] ids = payload.split(" ", -1);
        Optional<UUID> device = CanonicalUuid.inField(ids[0]);
        Optional<UUID> place = ids.length == 2 ? CanonicalUuid.inField(ids[1]) : Optional.empty();
        if (device.isEmpty() || ids.length > 2 || (ids.length == 2 && place.isEmpty())) {
            // Not our triggers' form: which answers it meant is unknown, so none is trusted.
            answers.changedAll();
            return;
        }
        answers.changed(device.get(), place);
    }
}
