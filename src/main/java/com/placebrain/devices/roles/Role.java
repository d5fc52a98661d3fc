package com.placebrain.devices.roles;

import java.util.Locale;
import java.util.Optional;

/** A member's role in a place, as the places service names it (lower case on the wire). */
public enum Role {
    OWNER,
    ADMIN,
    VIEWER;

    public boolean canWrite() {
        return this != VIEWER;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.wireName().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
