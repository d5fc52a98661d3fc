package com.placebrain.devices.mqttaccess;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The answer to an MQTT login.
 *
 * @param identity who logged in (ALLOW only)
 * @param expiresAt Unix seconds after which the session must end: a user's credential expiry
 *     (EMQX {@code expire_at}); empty for devices, the collector and the service
 * @param acl the rules for EMQX's {@code acl} field (ALLOW only; ends with deny-all)
 */
public record AuthDecision(Verdict verdict, Optional<MqttIdentity> identity, OptionalLong expiresAt,
                           List<EmqxRule> acl) {

    public AuthDecision {
        Objects.requireNonNull(verdict, "verdict");
        identity = identity == null ? Optional.empty() : identity;
        expiresAt = expiresAt == null ? OptionalLong.empty() : expiresAt;
        acl = acl == null ? List.of() : List.copyOf(acl);
    }

    static AuthDecision allow(MqttIdentity who, OptionalLong expiresAt, List<EmqxRule> acl) {
        return new AuthDecision(Verdict.ALLOW, Optional.of(who), expiresAt, acl);
    }

    static AuthDecision deny() {
        return new AuthDecision(Verdict.DENY, Optional.empty(), OptionalLong.empty(), List.of());
    }

    static AuthDecision ignore() {
        return new AuthDecision(Verdict.IGNORE, Optional.empty(), OptionalLong.empty(), List.of());
    }

    /** The gRPC answer (AuthenticateDeviceResponse.allow). */
    public boolean allowed() {
        return verdict.allowed();
    }
}
