package com.placebrain.devices.devices;

import com.placebrain.devices.platform.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * The fast verifier of a device token, kept beside its bcrypt hash ({@code devices.token_verifier}):
 * {@code v1:<binding>:<mac>}, where mac is HMAC-SHA256 of the token under {@link AuthKey} and
 * binding a short HMAC of the bcrypt hash it was made with.
 *
 * <p>Why not bcrypt alone: a bcrypt check is expensive on purpose, so its runs must be rationed,
 * and a rationed check is one a guesser can use up before the device gets its turn. Tokens made
 * here are 32 random bytes: no guess list helps against 256 bits, so a keyed hash verifies them as
 * safely as bcrypt, at a cost that needs no ration; every attempt gets a true answer. The bcrypt hash
 * stays the credential of record (the Python service reads it after a rollback, CONTRACT §5).
 *
 * <p>Why the binding: the Python service knows nothing of this column. If it replaces a token
 * (after a rollback), the verifier left behind belongs to the old hash; it is then unusable, never a
 * way in for the old token. A verifier made under another key is unusable the same way.
 */
@ApplicationScoped
public class TokenVerifier {

    private static final String SCHEME = "v1";
    private static final int BINDING_HEX = 16;

    private final AuthKey key;

    @Inject
    public TokenVerifier(AuthKey key) {
        this.key = key;
    }

    /** For CDI's client proxy. */
    TokenVerifier() {
        this(null);
    }

    /** What a stored verifier says about a presented secret. */
    public enum Check {
        MATCH,
        MISMATCH,
        /** None stored, or made for another hash or under another key: only bcrypt can tell. */
        UNUSABLE
    }

    /** The verifier to store for a token whose bcrypt hash is {@code tokenHash}. */
    public String create(UUID deviceId, String tokenHash, String token) {
        return SCHEME + ":" + binding(tokenHash) + ":" + mac(deviceId, token);
    }

    public Check check(String stored, UUID deviceId, String tokenHash, String secret) {
        if (stored == null) {
            return Check.UNUSABLE;
        }
        String[] parts = stored.split(":", 3);
        if (parts.length != 3 || !parts[0].equals(SCHEME) || !Secrets.equalInConstantTime(parts[1], binding(tokenHash))) {
            return Check.UNUSABLE;
        }
        return Secrets.equalInConstantTime(parts[2], mac(deviceId, secret)) ? Check.MATCH : Check.MISMATCH;
    }

    private String binding(String tokenHash) {
        return key.hmacHex("token-hash:" + tokenHash).substring(0, BINDING_HEX);
    }

    private String mac(UUID deviceId, String secret) {
        return key.hmacHex("token:" + deviceId + ":" + secret);
    }
}
