package com.placebrain.devices.mqttaccess;

import java.util.Objects;

/**
 * One entry of the {@code "acl"} list of an EMQX 5.8+ authentication answer (CONTRACT §6).
 * Plain strings, so that any JSON mapper (or {@link #toJson()}) writes exactly
 * {@code {"permission":"allow","action":"publish","topic":"eq placebrain/..."}}.
 */
public record EmqxRule(String permission, String action, String topic) {

    public static final String ALLOW = "allow";
    public static final String DENY = "deny";
    public static final String ALL = "all";
    /** EMQX's prefix for "compare this filter literally, wildcards included". */
    public static final String EQ = "eq ";

    /** Must close every list: unmatched requests otherwise fall to {@code no_match}, i.e. allow. */
    public static final EmqxRule DENY_ALL = new EmqxRule(DENY, ALL, "#");

    public EmqxRule {
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(topic, "topic");
    }

    public static EmqxRule allow(MqttAction action, String topic) {
        return new EmqxRule(ALLOW, action.wireName(), topic);
    }

    public static EmqxRule denyAll(String topic) {
        return new EmqxRule(DENY, ALL, topic);
    }

    public String toJson() {
        return "{\"permission\":" + quote(permission) + ",\"action\":" + quote(action)
                + ",\"topic\":" + quote(topic) + "}";
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
