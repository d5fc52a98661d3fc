package com.placebrain.devices.platform.persistence;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Where PostgreSQL is and who logs in: each of {@code devices.db.url}, {@code .user} and
 * {@code .password} when set, else what the Python service's {@code DATABASE__URL} says
 * (SQLAlchemy's {@code postgresql[+driver]://user:password@host:port/database}, CONTRACT §7), else
 * the local stack's defaults. The one rule for both readers: {@link ConfiguredDataSource}, which
 * Liberty runs outside the application (so this class depends on nothing of it), and the
 * start-up check of the settings.
 */
public record DatabaseAddress(String jdbcUrl, String user, String password) {

    public static final String URL_KEY = "devices.db.url";
    public static final String USER_KEY = "devices.db.user";
    public static final String PASSWORD_KEY = "devices.db.password";
    public static final String PLATFORM_VARIABLE = "DATABASE__URL";
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/devices_db";
    static final String DEFAULT_USER = "devices";
    static final String DEFAULT_PASSWORD = "devices";

    /**
     * Blank or null means "not set". Throws IllegalArgumentException naming the key or variable
     * that cannot be read, never its value (it may hold a password).
     */
    public static DatabaseAddress resolve(String url, String user, String password, String platformUrl) {
        // Read only when it is used: ours win, and an unused variable must not stop the start.
        boolean platformNeeded = !isSet(url) || !isSet(user) || !isSet(password);
        DatabaseAddress platform = platformNeeded && isSet(platformUrl) ? fromPlatformUrl(platformUrl.trim()) : null;
        String jdbcUrl = isSet(url) ? url.trim() : platform != null ? platform.jdbcUrl() : DEFAULT_URL;
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException(URL_KEY + " is invalid (expected a jdbc:postgresql:// URL)");
        }
        return new DatabaseAddress(jdbcUrl,
                isSet(user) ? user.trim() : platform != null && platform.user() != null ? platform.user() : DEFAULT_USER,
                isSet(password) ? password : platform != null && platform.password() != null
                        ? platform.password() : DEFAULT_PASSWORD);
    }

    private static DatabaseAddress fromPlatformUrl(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalidPlatformUrl();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String dialect = scheme.contains("+") ? scheme.substring(0, scheme.indexOf('+')) : scheme;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!Set.of("postgresql", "postgres").contains(dialect) || uri.getHost() == null
                || !path.matches("/[^/]+")) {
            throw invalidPlatformUrl();
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(path);
        String sslMode = sslMode(uri.getRawQuery());
        if (sslMode != null) {
            jdbc.append("?sslmode=").append(sslMode);
        }
        String userInfo = uri.getUserInfo();
        String user = null;
        String password = null;
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = colon < 0 ? userInfo : userInfo.substring(0, colon);
            password = colon < 0 ? null : userInfo.substring(colon + 1);
        }
        return new DatabaseAddress(jdbc.toString(), user == null || user.isEmpty() ? null : user, password);
    }

    /**
     * asyncpg's {@code ssl=require}/{@code true} and libpq's {@code sslmode=…} as pgjdbc's sslmode.
     * A value not understood is refused: skipping it would quietly drop a TLS requirement.
     */
    private static String sslMode(String query) {
        if (query == null) {
            return null;
        }
        String mode = null;
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = (equals < 0 ? "" : pair.substring(equals + 1)).toLowerCase(Locale.ROOT);
            if (name.equals("sslmode") || name.equals("ssl")) {
                mode = switch (value) {
                    case "true" -> "require";
                    case "false" -> "disable";
                    case "disable", "allow", "prefer", "require", "verify-ca", "verify-full" -> value;
                    default -> throw invalidPlatformUrl();
                };
            }
        }
        return mode;
    }

    private static IllegalArgumentException invalidPlatformUrl() {
        return new IllegalArgumentException(PLATFORM_VARIABLE
                + " is invalid (expected postgresql://user:password@host:port/database, or postgresql+asyncpg://…)");
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "DatabaseAddress[" + jdbcUrl + ", user=" + user + "]";
    }
}
