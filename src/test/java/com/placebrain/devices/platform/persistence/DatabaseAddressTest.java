package com.placebrain.devices.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseAddressTest {

    @Test
    void thePythonServicesUrlGivesHostDatabaseAndCredentials() {
        assertEquals(new DatabaseAddress("jdbc:postgresql://placebrain-database:5432/devices_db", "backend", "change-me"),
                DatabaseAddress.resolve(null, "", " ",
                        "postgresql+asyncpg://backend:change-me@placebrain-database:5432/devices_db"));
    }

    @Test
    void anEncodedPasswordIsDecodedAndSslCarriedOver() {
        assertEquals(new DatabaseAddress("jdbc:postgresql://10.0.0.5/devices_db?sslmode=require", "devices", "p@ss:w0rd"),
                DatabaseAddress.resolve(null, null, null, "postgresql://devices:p%40ss%3Aw0rd@10.0.0.5/devices_db?ssl=require"));
    }

    @Test
    void eachOfOurKeysWinsOverThePlatformUrlAndTheDefaultsFillTheRest() {
        String platform = "postgresql://backend:secret@db:5432/devices_db";
        assertEquals(new DatabaseAddress("jdbc:postgresql://other:5432/x", "backend", "secret"),
                DatabaseAddress.resolve("jdbc:postgresql://other:5432/x", null, null, platform));
        assertEquals(new DatabaseAddress("jdbc:postgresql://db:5432/devices_db", "ops", "secret"),
                DatabaseAddress.resolve(null, "ops", null, platform));
        assertEquals(new DatabaseAddress("jdbc:postgresql://db:5432/devices_db", "devices", "devices"),
                DatabaseAddress.resolve(null, null, null, "postgresql://db:5432/devices_db"));
        assertEquals(new DatabaseAddress(DatabaseAddress.DEFAULT_URL, "devices", "devices"),
                DatabaseAddress.resolve("", "", "", ""));
    }

    @Test
    void anUnreadableValueIsNamedButNotEchoed() {
        for (String url : List.of("mysql://root:t0p-secret@db/devices_db", "postgresql://u:t0p-secret@db",
                "postgresql://u:t0p-secret@db/", "postgresql+asyncpg://u:t0p-secret@/devices_db", "sqlite:///devices.db",
                "postgresql://u:t0p-secret@db/a/b", "not a url at all t0p-secret")) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> DatabaseAddress.resolve(null, null, null, url), url);
            assertTrue(error.getMessage().startsWith("DATABASE__URL is invalid"), error.getMessage());
            assertFalse(error.getMessage().contains("t0p-secret"), error.getMessage());
        }
        IllegalArgumentException ours = assertThrows(IllegalArgumentException.class,
                () -> DatabaseAddress.resolve("postgresql://u:t0p-secret@db/x", null, null, null));
        assertTrue(ours.getMessage().startsWith("devices.db.url is invalid"), ours.getMessage());
        assertFalse(ours.getMessage().contains("t0p-secret"), ours.getMessage());
    }

    @Test
    void thePasswordIsNotInTheTextOfAnAddress() {
        assertFalse(DatabaseAddress.resolve(null, null, "t0p-secret", null).toString().contains("t0p-secret"));
    }

    @Test
    void anUnusedPlatformUrlIsNotRead() {
        assertEquals(new DatabaseAddress("jdbc:postgresql://db/x", "u", "p"),
                DatabaseAddress.resolve("jdbc:postgresql://db/x", "u", "p", "not a url"));
    }

    @Test
    void anSslValueNotUnderstoodIsRefusedRatherThanDropped() {
        assertEquals("jdbc:postgresql://db/x?sslmode=require",
                DatabaseAddress.resolve(null, null, null, "postgresql://u:p@db/x?ssl=True").jdbcUrl());
        assertThrows(IllegalArgumentException.class,
                () -> DatabaseAddress.resolve(null, null, null, "postgresql://u:p@db/x?sslmode=strict"));
    }
}
