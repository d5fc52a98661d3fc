package com.placebrain.devices.platform.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

/** A fixed set of String properties (and config sources to be found), enough for the settings areas. */
public final class MapConfig implements Config {

    private final Map<String, String> values;
    private final java.util.List<ConfigSource> sources;

    public MapConfig(Map<String, String> values) {
        this(values, java.util.List.of());
    }

    public MapConfig(Map<String, String> values, java.util.List<ConfigSource> sources) {
        this.values = values;
        this.sources = sources;
    }

    /** The properties the application ships (META-INF/microprofile-config.properties), then these. */
    public static MapConfig shippedWith(Map<String, String> overrides) {
        Properties shipped = new Properties();
        try (InputStream in = MapConfig.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            shipped.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = new HashMap<>();
        shipped.forEach((key, value) -> values.put(key.toString(), value.toString()));
        values.putAll(overrides);
        return new MapConfig(values);
    }

    @Override
    public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
        return Optional.ofNullable(values.get(name)).map(type::cast);
    }

    @Override
    public <T> T getValue(String name, Class<T> type) {
        return getOptionalValue(name, type).orElseThrow();
    }

    @Override
    public ConfigValue getConfigValue(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Iterable<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
        return sources;
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> type) {
        return Optional.empty();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        throw new UnsupportedOperationException();
    }
}
