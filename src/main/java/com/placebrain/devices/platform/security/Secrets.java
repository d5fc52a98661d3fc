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

    /** Whether a presented password is the configured secret; never when no secret is configured. */
    public static boolean matchesConfigured(String presented, Optional<String> configured) {
        return isPlausiblePassword(presented)
                && configured.filter(expected -> !expected.isEmpty())
                        .map(expected -> equalInConstantTime(presented, expected)).orElse(false);
    }

    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }

    public static String hmacSha256Hex(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
