package com.placebrain.devices.mqttaccess;

import com.placebrain.devices.platform.validation.Fields;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/** GenerateMqttCredentials and InvalidateMqttCredentials: wire ids checked, then the store. */
@ApplicationScoped
public class MqttCredentialsService {

    private static final Logger LOG = Logger.getLogger(MqttCredentialsService.class.getName());

    private final UserCredentialStore store;

    @Inject
    MqttCredentialsService(UserCredentialStore store) {
        this.store = store;
    }

    /** For CDI's client proxy. */
    MqttCredentialsService() {
        this(null);
    }

    /** A new set next to the user's others; the gateway has authenticated the user. */
    public IssuedCredentials generate(String userId) {
        UUID user = Fields.uuid("user_id", userId);
        IssuedCredentials issued = store.issue(user);
        LOG.fine(() -> "MQTT credentials issued to user " + user);
        return issued;
    }

    /** Every set of these users; all ids are checked before anything is dropped. */
    public void invalidate(Collection<String> userIds) {
        List<UUID> users = userIds.stream().map(id -> Fields.uuid("user_ids", id)).distinct().toList();
        store.invalidate(users);
        LOG.info(() -> "MQTT credentials of " + users.size() + " users invalidated");
    }
}
