package com.placebrain.devices.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secrets the service makes (device tokens, users' MQTT passwords, a replica's own key), the
 * one way any secret is compared, and the hashes kept of them. Never logs anything.
 */
public final class Secrets {

    /**
     * Longest password we will hash at all. Our secrets are 43 characters; anything far longer
     * is garbage, refused before spending CPU on it.
     */
    static final int MAX_PASSWORD_LENGTH = 1024;
    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * One SHA-256 digest per thread: {@code MessageDigest.getInstance} searches the security
     * providers on every call, and a login compares secrets several times.
     */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    private Secrets() {
    }

    /** 32 random bytes as URL-safe base64 without padding (43 characters): no guess list helps against it. */
    public static String newToken() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(TOKEN_BYTES));
    }

    public static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    public static boolean isPlausiblePassword(String password) {
        return password != null && !password.isEmpty() && password.length() <= MAX_PASSWORD_LENGTH;
    }

    /**
     * Whether two secrets, or stored digests of them, are equal, in time that tells nothing about
     * either: MessageDigest.isEqual takes time by the length of its first argument, so both are
     * digested first and it always compares 32 bytes, whatever was presented or stored.
     */
    public static boolean equalInConstantTime(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(sha256(a), sha256(b));
    }

    /**
     * A configured secret (a hook secret, the collector's or the service's password), digested
     * once: every request then digests only what it presents. The empty secret is none.
     */
    public static Configured configured(Optional<String> secret) {
        return new Configured(secret.filter(expected -> !expected.isEmpty()).map(Secrets::sha256));
    }

    /** See {@link #configured}. */
    public static final class Configured {
        private final Optional<byte[]> digest;

        private Configured(Optional<byte[]> digest) {
            this.digest = digest;
        }

        /** Whether a presented password is the configured secret, in constant time; never when none is configured. */
        public boolean matches(String presented) {
            return isPlausiblePassword(presented) && digest.isPresent()
                    && MessageDigest.isEqual(sha256(presented), digest.get());
        }
    }

    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }

    /** HMAC-SHA256 under a fixed key, for the hot paths: see {@link HmacSha256}. */
    public static HmacSha256 hmacSha256(byte[] key) {
        return new HmacSha256(key);
    }

    /**
     * HMAC-SHA256 under one key, with a {@code Mac} per thread initialised once: looking up and
     * keying a {@code Mac} costs more than the MAC of a short text.
     */
    public static final class HmacSha256 {
        private final ThreadLocal<Mac> mac;

        private HmacSha256(byte[] key) {
            SecretKeySpec spec = new SecretKeySpec(key.clone(), "HmacSHA256");
            mac = ThreadLocal.withInitial(() -> {
                try {
                    Mac instance = Mac.getInstance("HmacSHA256");
                    instance.init(spec);
                    return instance;
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
                }
            });
        }

        /** doFinal leaves the Mac ready for the next text under the same key. */
        public String hex(String text) {
            return HexFormat.of().formatHex(mac.get().doFinal(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** digest() resets the thread's digest for its next use. */
    private static byte[] sha256(String text) {
        return SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
