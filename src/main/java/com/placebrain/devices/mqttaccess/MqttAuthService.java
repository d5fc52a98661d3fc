package com.placebrain.devices.mqttaccess;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.OptionalLong;
import java.util.logging.Logger;

/**
 * MQTT logins (CONTRACT §3, §6): AuthenticateDevice and the EMQX authentication hook. Foreign
 * usernames are IGNORE (the next authenticator decides), malformed ones of our schemes DENY.
 * Logs name the username and the outcome only, never a password, token or hash; a username
 * that is not well-formed is not logged at all (it may be a secret typed into the wrong field).
 *
 * <p>Redis or the database being unreachable is not a DENY: the exception goes to the caller
 * (gRPC: UNAVAILABLE; an EMQX hook should answer non-200, which EMQX treats as ignore).
 */
@ApplicationScoped
public class MqttAuthService {

    private static final Logger LOG = Logger.getLogger(MqttAuthService.class.getName());

    private final DeviceAuthenticator devices;
    private final UserCredentialStore users;
    private final CollectorSecret collector;
    private final ServiceLogin service;
    private final AccessFactsSource facts;
    private final BrokerSessions sessions;

    @Inject
    MqttAuthService(DeviceAuthenticator devices, UserCredentialStore users, CollectorSecret collector, ServiceLogin service,
                    AccessFactsSource facts, BrokerSessions sessions) {
        this.devices = devices;
        this.users = users;
        this.collector = collector;
        this.service = service;
        this.facts = facts;
        this.sessions = sessions;
    }

    /** For CDI's client proxy. */
    MqttAuthService() {
        this(null, null, null, null, null, null);
    }

    /** AuthenticateDevice (gRPC): no broker session to remember, no client address (the gateway relays). */
    public AuthDecision authenticate(String username, String password) {
        return decide(username, password, BcryptBudget.GRPC_SOURCE);
    }

    /**
     * The EMQX hook: an allowed login's client id is remembered, so a revocation can end its
     * session; the client's address ({@code peerhost}, may be empty) counts device bcrypt checks per source.
     */
    public AuthDecision authenticate(String username, String password, String clientId, String peerhost) {
        AuthDecision decision = decide(username, password, BcryptBudget.sourceOf(peerhost));
        if (decision.allowed()) {
            decision.identity().ifPresent(who -> sessions.loggedIn(who, clientId));
        }
        return decision;
    }

    private AuthDecision decide(String username, String password, String source) {
        return switch (ParsedUsername.of(username, service.identity())) {
            case ParsedUsername.Foreign foreign -> {
                LOG.fine("MQTT auth of a foreign username: ignore");
                yield AuthDecision.ignore();
            }
            case ParsedUsername.Malformed malformed -> {
                LOG.fine(() -> "MQTT auth deny: " + malformed.reason());
                yield AuthDecision.deny();
            }
            case ParsedUsername.Ours ours -> authenticate(ours.identity(), password, source);
        };
    }

    private AuthDecision authenticate(MqttIdentity who, String password, String source) {
        return switch (who) {
            case MqttIdentity.Device device -> devices.authenticate(device, password, source)
                    .map(place -> allow(device, OptionalLong.empty(), AccessFacts.device(place)))
                    .orElseGet(AuthDecision::deny);
            case MqttIdentity.User user -> {
                OptionalLong expiry = users.verify(user.userId(), password);
                yield expiry.isPresent()
                        ? allow(user, expiry, facts.factsFor(user))
                        : denied(user, "no valid credentials");
            }
            case MqttIdentity.Collector c -> collector.matches(password)
                    ? allow(c, OptionalLong.empty(), AccessFacts.none())
                    : denied(c, "wrong or unconfigured secret");
            case MqttIdentity.Service s -> service.matches(password)
                    ? allow(s, OptionalLong.empty(), AccessFacts.none())
                    : denied(s, "wrong password");
        };
    }

    private static AuthDecision allow(MqttIdentity who, OptionalLong expiresAt, AccessFacts facts) {
        if (!(who instanceof MqttIdentity.Device)) {
            LOG.fine(() -> "MQTT auth " + who.username() + ": allow");
        }
        return AuthDecision.allow(who, expiresAt, facts);
    }

    private static AuthDecision denied(MqttIdentity who, String why) {
        LOG.info(() -> "MQTT auth " + who.username() + ": deny (" + why + ")");
        return AuthDecision.deny();
    }
}
