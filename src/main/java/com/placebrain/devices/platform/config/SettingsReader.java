package com.placebrain.devices.platform.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Reads the keys of one area's settings type and collects what is wrong with them, so a type is
 * built and checked in one place and start-up names every bad key at once. A value is never echoed
 * (a URL may carry a password); a bad value that came from a platform variable is named by that
 * variable, the name the operator set. Blank counts as unset.
 *
 * <p>The pattern every area follows: a record with its keys as constants and a
 * {@code static Xxx read(SettingsReader)}; a CDI producer {@code SettingsReader.build(config, Xxx::read)};
 * the start-up check calls every {@code read} on one reader.
 */
public final class SettingsReader {

    private final Config config;
    private final List<String> problems = new ArrayList<>();

    public SettingsReader(Config config) {
        this.config = config;
    }

    /** One area's settings, or {@link InvalidSettingsException} naming each bad key. */
    public static <T> T build(Config config, Function<SettingsReader, T> area) {
        SettingsReader reader = new SettingsReader(config);
        T settings = area.apply(reader);
        reader.throwIfInvalid();
        return settings;
    }

    public Optional<String> optional(String key) {
        return config.getOptionalValue(key, String.class).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** A value that must be set and pass {@code valid}; null (with a problem recorded) otherwise. */
    public String required(String key, Predicate<String> valid, String expected) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            problems.add(key + " is missing (expected " + expected + ")");
            return null;
        }
        return checked(key, value.get(), valid, expected) ? value.get() : null;
    }

    /** An optional value that, when set, must pass {@code valid}. */
    public Optional<String> optional(String key, Predicate<String> valid, String expected) {
        return optional(key).filter(value -> checked(key, value, valid, expected));
    }

    /** A whole number from {@code min} to {@code max}; {@code defaultValue} when unset or bad (a problem is recorded). */
    public int integer(String key, int defaultValue, int min, int max, String unit) {
        String expected = max == Integer.MAX_VALUE ? "a whole number of " + unit + " from " + min
                : "a whole number of " + unit + " from " + min + " to " + max;
        return optional(key, value -> isIntegerIn(value, min, max), expected)
                .map(Integer::parseInt).orElse(defaultValue);
    }

    /** A positive whole number of {@code unit}. */
    public int positive(String key, int defaultValue, String unit) {
        return integer(key, defaultValue, 1, Integer.MAX_VALUE - 1, unit);
    }

    /** Records a problem found by a rule that spans keys. */
    public void problem(String message) {
        problems.add(message);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }

    private boolean checked(String key, String value, Predicate<String> valid, String expected) {
        boolean ok;
        try {
            ok = valid.test(value);
        } catch (RuntimeException unparsable) {
            ok = false;
        }
        if (!ok) {
            problems.add(nameOf(key, value) + " is invalid (expected " + expected + ")");
        }
        return ok;
    }

    private String nameOf(String key, String value) {
        for (ConfigSource source : config.getConfigSources()) {
            if (source instanceof PlatformVariables platform) {
                return platform.variableOf(key, value).orElse(key);
            }
        }
        return key;
    }

    private static boolean isIntegerIn(String value, int min, int max) {
        try {
            int number = Integer.parseInt(value);
            return number >= min && number <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
