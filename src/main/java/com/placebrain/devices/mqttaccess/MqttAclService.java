package com.placebrain.devices.mqttaccess;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Per-request MQTT authorization (CONTRACT §3): CheckDeviceAcl and the EMQX authorization hook.
 * Foreign usernames are IGNORE (gRPC reports them denied: {@link Verdict#allowed()}); malformed
 * usernames, unknown actions and malformed topics are DENY, the latter before any look-up.
 */
@ApplicationScoped
public class MqttAclService {

    private static final Logger LOG = Logger.getLogger(MqttAclService.class.getName());

    private final AccessFactsSource facts;
    private final ServiceLogin service;

    @Inject
    MqttAclService(AccessFactsSource facts, ServiceLogin service) {
        this.facts = facts;
        this.service = service;
    }

    /** For CDI's client proxy. */
    MqttAclService() {
        this(null, null);
    }

    public Verdict check(String username, String topic, String action) {
        return switch (ParsedUsername.of(username, service.identity())) {
            case ParsedUsername.Foreign foreign -> Verdict.IGNORE;
            case ParsedUsername.Malformed malformed -> Verdict.DENY;
            case ParsedUsername.Ours ours -> check(ours.identity(), topic, action);
        };
    }

    private Verdict check(MqttIdentity who, String topic, String actionName) {
        Optional<MqttAction> action = MqttAction.parse(actionName);
        if (action.isEmpty() || TopicSyntax.levelsToJudge(action.get(), topic).isEmpty()) {
            LOG.fine(() -> "MQTT acl " + who.username() + ": deny (bad action or topic)");
            return Verdict.DENY;
        }
        boolean allowed = TopicAcl.allows(who, action.get(), topic, facts.factsFor(who));
        LOG.fine(() -> "MQTT acl " + who.username() + " " + action.get().wireName() + ": " + (allowed ? "allow" : "deny"));
        return allowed ? Verdict.ALLOW : Verdict.DENY;
    }
}
