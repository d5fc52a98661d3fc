package com.placebrain.devices.platform.kafka;

import com.placebrain.devices.platform.validation.CanonicalUuid;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reading the JSON values of consumed records; anything malformed is a {@link PoisonRecord}. */
public final class EventJson {

    /**
     * ISO-8601 date-time with an optional offset. Devices write times without one (Python's
     * {@code datetime.utcnow().isoformat()}), meaning UTC, and offsets as {@code Z},
     * {@code +00:00}, {@code +0000} or {@code +00}; lenient offset parsing takes all of these.
     */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart()
            .parseLenient()
            .appendOffset("+HH", "Z")
            .parseStrict()
            .optionalEnd()
            .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
            .toFormatter();

    private EventJson() {
    }

    public static JsonObject object(String text) {
        if (text == null) {
            throw new PoisonRecord("no value");
        }
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new PoisonRecord("value is not a JSON object");
        }
    }

    /** A field holding an object, or a JSON string that holds one (the EMQX bridge sends both). */
    public static JsonObject objectOrString(JsonObject parent, String field) {
        JsonValue value = parent.get(field);
        if (value instanceof JsonObject object) {
            return object;
        }
        if (value instanceof JsonString string) {
            return object(string.getString());
        }
        throw new PoisonRecord("'" + field + "' must be an object or a JSON string holding one");
    }

    public static String string(JsonObject object, String field) {
        if (!(object.get(field) instanceof JsonString value)) {
            throw new PoisonRecord("'" + field + "' must be a string");
        }
        return value.getString();
    }

    public static UUID uuid(JsonObject object, String field) {
        return uuid(string(object, field), field);
    }

    public static UUID uuid(String value, String field) {
        return CanonicalUuid.inField(value).orElseThrow(() -> new PoisonRecord("'" + field + "' must be a UUID"));
    }

    public static OffsetDateTime timestamp(String value, String field) {
        try {
            return OffsetDateTime.parse(value, TIMESTAMP);
        } catch (DateTimeParseException e) {
            throw new PoisonRecord("'" + field + "' must be an ISO-8601 date-time");
        }
    }

    public static List<UUID> uuids(JsonObject object, String field) {
        if (!(object.get(field) instanceof jakarta.json.JsonArray array)) {
            throw new PoisonRecord("'" + field + "' must be an array");
        }
        List<UUID> ids = new ArrayList<>();
        for (JsonValue value : array) {
            if (!(value instanceof JsonString string)) {
                throw new PoisonRecord("'" + field + "' must hold UUID strings");
            }
            ids.add(uuid(string.getString(), field));
        }
        return ids;
    }

    public static double number(JsonValue value, String field) {
        if (!(value instanceof JsonNumber number) || !Double.isFinite(number.doubleValue())) {
            throw new PoisonRecord("'" + field + "' must be a finite number");
        }
        return number.doubleValue();
    }
}
