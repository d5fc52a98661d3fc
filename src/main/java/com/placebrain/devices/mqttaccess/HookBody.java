package com.placebrain.devices.mqttaccess;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The body EMQX POSTs to a hook, read strictly: {@code application/json} in UTF-8 (else 415), at
 * most a configured number of bytes, never reading more than that (else 413), and exactly one
 * JSON object with no duplicate key at any level, no nesting deeper than {@link #MAX_DEPTH} and
 * nothing after it (else 400). EMQX's bodies are flat objects of a few short strings, so anything
 * else is a misconfiguration or a probe. A lenient reader is what an attacker needs: with
 * duplicate keys, {@code {"username":"collector","username":"device:…"}} meant one thing to a
 * proxy or log reader (the first key) and another to us (the last); unbounded nesting or size
 * costs memory and CPU on demand.
 *
 * <p>Parsed with JSON-P's streaming parser, so depth and duplicates are checked while reading,
 * before any tree exists; the recursion below is bounded by the depth check.
 */
final class HookBody {

    /**
     * Looked up once: every {@code jakarta.json.Json} call looks the provider up again, a service
     * loader search across the application's jars, which cost more than reading the body itself.
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** Levels of objects and arrays, the body itself being the first. */
    static final int MAX_DEPTH = 16;

    private HookBody() {
    }

    /** Why a body is refused: the HTTP status and a message safe to show and log (no body content). */
    static final class Refused extends Exception {
        private final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /**
     * Reads the body of a request with this Content-Type and Content-Length ({@code -1} when not
     * given). Reads at most {@code maxBytes + 1} bytes from {@code in}.
     */
    static JsonObject read(String contentType, long declaredLength, InputStream in, int maxBytes) throws Refused {
        if (!isJsonUtf8(contentType)) {
            throw new Refused(415, "the body must be application/json (UTF-8)");
        }
        if (declaredLength > maxBytes) {
            throw tooLarge(maxBytes);
        }
        byte[] bytes;
        try {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new Refused(400, "the body could not be read");
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return parse(bytes);
    }

    /**
     * {@code application/json}, with no charset or UTF-8 (RFC 8259: JSON between systems is UTF-8);
     * other parameters are ignored. Read here rather than by the container so that a malformed header is a
     * 415 of ours, with a JSON body and one log line.
     */
    static boolean isJsonUtf8(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";", -1);
        if (!"application/json".equalsIgnoreCase(parts[0].trim())) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if ("charset".equalsIgnoreCase(parameter[0].trim())) {
                String charset = parameter.length == 2 ? parameter[1].trim() : "";
                if (charset.length() >= 2 && charset.startsWith("\"") && charset.endsWith("\"")) {
                    charset = charset.substring(1, charset.length() - 1);
                }
                if (!"utf-8".equalsIgnoreCase(charset)) {
                    return false;
                }
            }
        }
        return true;
    }

    static JsonObject parse(byte[] body) throws Refused {
        // A decoder of its own reports malformed UTF-8 instead of replacing it.
        InputStreamReader text = new InputStreamReader(new ByteArrayInputStream(body),
                StandardCharsets.UTF_8.newDecoder());
        try (JsonParser parser = JSON.createParser(text)) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new Refused(400, "the body must be a JSON object");
            }
            JsonObject object = object(parser, 1);
            if (parser.hasNext()) {
                throw new Refused(400, "the body must be one JSON object with nothing after it");
            }
            return object;
        } catch (JsonParsingException e) {
            // Parsson reports anything but whitespace after the document here too.
            throw new Refused(400, "the body is not valid JSON (at offset " + e.getLocation().getStreamOffset() + ")");
        } catch (RuntimeException e) {
            // JsonException, or what the parser and builders throw on input they cannot take
            // (a number beyond BigDecimal's range, an event out of place): the body's fault either way.
            throw new Refused(400, "the body is not valid JSON");
        }
    }

    private static JsonObject object(JsonParser parser, int depth) throws Refused {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        Set<String> keys = new HashSet<>();
        while (true) {
            JsonParser.Event event = parser.next();
            if (event == JsonParser.Event.END_OBJECT) {
                return object.build();
            }
            String key = parser.getString();
            if (!keys.add(key)) {
                throw new Refused(400, "duplicate key " + shown(key));
            }
            object.add(key, value(parser, parser.next(), depth));
        }
    }

    private static JsonArray array(JsonParser parser, int depth) throws Refused {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        while (true) {
            JsonParser.Event event = parser.next();
            if (event == JsonParser.Event.END_ARRAY) {
                return array.build();
            }
            array.add(value(parser, event, depth));
        }
    }

    private static JsonValue value(JsonParser parser, JsonParser.Event event, int depth) throws Refused {
        return switch (event) {
            case START_OBJECT -> object(parser, deeper(depth));
            case START_ARRAY -> array(parser, deeper(depth));
            case VALUE_STRING -> JSON.createValue(parser.getString());
            case VALUE_NUMBER -> JSON.createValue(parser.getBigDecimal());
            case VALUE_TRUE -> JsonValue.TRUE;
            case VALUE_FALSE -> JsonValue.FALSE;
            case VALUE_NULL -> JsonValue.NULL;
            default -> throw new Refused(400, "the body is not valid JSON");
        };
    }

    private static int deeper(int depth) throws Refused {
        if (depth >= MAX_DEPTH) {
            throw new Refused(400, "the body is nested deeper than " + MAX_DEPTH + " levels");
        }
        return depth + 1;
    }

    private static Refused tooLarge(int maxBytes) {
        return new Refused(413, "the body must be at most " + maxBytes + " bytes");
    }

    /** A key as JSON (control characters escaped), cut short: it is the caller's text and goes to the log. */
    private static String shown(String key) {
        return JSON.createValue(key.length() > 40 ? key.substring(0, 40) + "…" : key).toString();
    }
}
