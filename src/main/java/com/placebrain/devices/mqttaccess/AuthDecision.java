package com.placebrain.devices.mqttaccess;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The answer to an MQTT login. It keeps what the rules are made of, not the rules: gRPC
 * (AuthenticateDevice) answers allow or not and never needs them, and the EMQX hook writes them
 * straight into its answer ({@link EmqxAclRules#toJson(MqttIdentity, AccessFacts)}).
 *
 * @param identity who logged in (ALLOW only)
 * @param expiresAt Unix seconds after which the session must end: a user's credential expiry
 *     (EMQX {@code expire_at}); empty for devices, the collector and the service
 * @param facts what the identity's rules depend on (ALLOW only)
 */
public record AuthDecision(Verdict verdict, Optional<MqttIdentity> identity, OptionalLong expiresAt,
                           AccessFacts facts) {

    public AuthDecision {
        Objects.requireNonNull(verdict, "verdict");
        identity = identity == null ? Optional.empty() : identity;
        expiresAt = expiresAt == null ? OptionalLong.empty() : expiresAt;
        facts = facts == null ? AccessFacts.none() : facts;
    }

    static AuthDecision allow(MqttIdentity who, OptionalLong expiresAt, AccessFacts facts) {
        return new AuthDecision(Verdict.ALLOW, Optional.of(who), expiresAt, facts);
    }

    static AuthDecision deny() {
        return new AuthDecision(Verdict.DENY, Optional.empty(), OptionalLong.empty(), AccessFacts.none());
    }

    static AuthDecision ignore() {
        return new AuthDecision(Verdict.IGNORE, Optional.empty(), OptionalLong.empty(), AccessFacts.none());
    }

    /** The gRPC answer (AuthenticateDeviceResponse.allow). */
    public boolean allowed() {
        return verdict.allowed();
    }

    /** The rules for EMQX's {@code acl} field (ends with deny-all); none unless allowed. */
    public List<EmqxRule> acl() {
        return identity.map(who -> EmqxAclRules.rulesFor(who, facts)).orElse(List.of());
    }

    /** {@link #acl()} as the JSON array EMQX reads, {@code []} unless allowed. */
    public String aclJson() {
        return identity.map(who -> EmqxAclRules.toJson(who, facts)).orElse("[]");
    }
}
