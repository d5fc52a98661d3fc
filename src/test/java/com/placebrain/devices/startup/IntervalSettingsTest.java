package com.placebrain.devices.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.placebrain.devices.events.outbox.OutboxSettings;
import com.placebrain.devices.platform.config.InvalidSettingsException;
import com.placebrain.devices.platform.config.MapConfig;
import com.placebrain.devices.platform.config.SettingsReader;
import com.placebrain.devices.readings.ReadingSettings;
import com.placebrain.devices.roles.RoleSettings;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The areas' intervals, over the shipped properties: a default when unset, a positive number of milliseconds when set. */
class IntervalSettingsTest {

    private record Interval<T>(String key, int defaultMillis, Function<SettingsReader, T> area, ToIntFunction<T> millis) {

        int read(String value) {
            MapConfig config = MapConfig.shippedWith(value == null ? Map.of() : Map.of(key, value));
            return millis.applyAsInt(SettingsReader.build(config, area));
        }
    }

    static Stream<Arguments> intervals() {
        return Stream.of(
                Arguments.of(new Interval<>(OutboxSettings.POLL_MS, 200, OutboxSettings::read, OutboxSettings::pollMillis)),
                Arguments.of(new Interval<>(RoleSettings.CHECK_INTERVAL_MS, 5000, RoleSettings::read,
                        RoleSettings::checkIntervalMillis)),
                Arguments.of(new Interval<>(ReadingSettings.SEEN_THROTTLE_MS, 30_000, ReadingSettings::read,
                        ReadingSettings::seenThrottleMillis)));
    }

    @ParameterizedTest
    @MethodSource("intervals")
    void unsetIsTheDefaultAndSetIsTheValue(Interval<?> interval) {
        assertEquals(interval.defaultMillis(), interval.read(null), interval.key());
        assertEquals(1234, interval.read("1234"), interval.key());
    }

    @ParameterizedTest
    @MethodSource("intervals")
    void aBadValueStopsStartUpNamingItsKey(Interval<?> interval) {
        for (String bad : new String[] {"0", "-5", "fast", "1.5", "99999999999"}) {
            InvalidSettingsException error = assertThrows(InvalidSettingsException.class, () -> interval.read(bad), bad);
            assertTrue(error.getMessage().contains(interval.key() + " is invalid"), error.getMessage());
        }
    }
}
