package com.placebrain.devices.events.inbound;

import com.placebrain.devices.platform.kafka.EventJson;
import com.placebrain.devices.platform.kafka.PoisonRecord;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A device's telemetry payload {@code {"ts"?, "values":{...}}} read as the platform's own model
 * reads it (CONTRACT §2; {@code TelemetryPayload} of placebrain-contracts, pydantic in lax mode),
 * so that what the collector accepts is accepted here too:
 * <ul>
 * <li>{@code ts}: absent or null; an ISO-8601 date-time with {@code T} or a space, with or
 * without offset (none means UTC), or a date alone; epoch seconds, or milliseconds when beyond
 * 2e10 in magnitude, as a number or a numeric string;</li>
 * <li>{@code values}: an object; each value a number, a numeric string or a boolean (1/0). A
 * value that is none of these, or not finite, is dropped alone: the others are kept.</li>
 * </ul>
 * A payload without a {@code values} object, or with a {@code ts} that is no time, is poison.
 */
record ReadingPayload(Optional<OffsetDateTime> time, Map<String, Double> values, List<String> droppedKeys) {

    /** pydantic's bound between epoch seconds and epoch milliseconds. */
    private static final double MILLIS_THRESHOLD = 2e10;
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final int MAX_NUMBER_LENGTH = 100;
    /** 9999-12-31T23:59:59.999999Z in epoch microseconds. */
    private static final BigDecimal MAX_EPOCH_MICROS = BigDecimal.valueOf(253_402_300_799_999_999L);

    static ReadingPayload of(JsonObject payload) {
        if (!(payload.get("values") instanceof JsonObject values)) {
            throw new PoisonRecord("'payload.values' must be an object");
        }
        Map<String, Double> numbers = new LinkedHashMap<>();
        List<String> dropped = new ArrayList<>();
        values.forEach((key, value) -> number(value).ifPresentOrElse(n -> numbers.put(key, n), () -> dropped.add(key)));
        return new ReadingPayload(time(payload.get("ts")), numbers, dropped);
    }

    private static Optional<OffsetDateTime> time(JsonValue ts) {
        if (ts == null || ts == JsonValue.NULL) {
            return Optional.empty();
        }
        if (ts instanceof JsonNumber number) {
            return Optional.of(epoch(number.bigDecimalValue()));
        }
        if (ts instanceof JsonString string) {
            String text = string.getString().trim();
            if (NUMBER.matcher(text).matches() && text.length() <= MAX_NUMBER_LENGTH) {
                return Optional.of(epoch(new BigDecimal(text)));
            }
            try {
                if (text.length() == 10) {
                    return Optional.of(LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC));
                }
                return Optional.of(EventJson.timestamp(text.replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) ", "$1T"), "payload.ts")
                        .withOffsetSameInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                throw new PoisonRecord("'payload.ts' must be an ISO-8601 date-time or epoch seconds");
            }
        }
        throw new PoisonRecord("'payload.ts' must be an ISO-8601 date-time or epoch seconds");
    }

    private static OffsetDateTime epoch(BigDecimal value) {
        double magnitude = Math.abs(value.doubleValue());
        BigDecimal micros = value.movePointRight(magnitude > MILLIS_THRESHOLD ? 3 : 6);
        // Python's datetime (and so the platform's model) ends with the year 9999.
        if (micros.abs().compareTo(MAX_EPOCH_MICROS) > 0) {
            throw new PoisonRecord("'payload.ts' is out of range");
        }
        long whole = micros.longValue();
        return Instant.EPOCH.plusSeconds(Math.floorDiv(whole, 1_000_000L))
                .plusNanos(Math.floorMod(whole, 1_000_000L) * 1_000L).atOffset(ZoneOffset.UTC);
    }

    private static Optional<Double> number(JsonValue value) {
        double number;
        switch (value.getValueType()) {
            case TRUE -> number = 1.0;
            case FALSE -> number = 0.0;
            case NUMBER -> number = ((JsonNumber) value).doubleValue();
            case STRING -> {
                String text = ((JsonString) value).getString().trim();
                if (text.length() > MAX_NUMBER_LENGTH || !NUMBER.matcher(text).matches()) {
                    return Optional.empty();
                }
                number = Double.parseDouble(text);
            }
            default -> {
                return Optional.empty();
            }
        }
        return Double.isFinite(number) ? Optional.of(number) : Optional.empty();
    }
}
