package com.placebrain.devices.mqttaccess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HookBodyTest {

    private static final int LIMIT = 16 * 1024;
    private static final String AUTH = """
            {"username":"device:0195f6a0-0000-7000-8000-000000000001","password":"secret","clientid":"c1","peerhost":"10.0.0.7"}""";

    @Test
    void emqxBodiesAreReadAsTheyAre() throws Exception {
        JsonObject body = read("application/json", AUTH);
        assertEquals(Json.createReader(new java.io.StringReader(AUTH)).readObject(), body);
        assertEquals("x", read("application/json", " \n {\"a\":\"x\",\"b\":[1,{\"c\":null}],\"d\":true} \r\n\t")
                .getString("a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8",
            "application/json; charset=\"utf-8\""})
    void jsonInUtf8IsAccepted(String contentType) {
        assertTrue(HookBody.isJsonUtf8(contentType), contentType);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16",
            "application/jsonx", "text/json", "*/*", "application/*", "garbage/", ";;"})
    void anythingElseIsUnsupportedMediaType(String contentType) {
        assertRefused(415, () -> read(contentType, AUTH));
        assertRefused(415, () -> read(null, AUTH));
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutReadingAByte() {
        AtomicLong read = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return ' ';
            }
        };
        assertRefused(413, () -> HookBody.read("application/json", 100L << 20, endless, LIMIT));
        assertEquals(0, read.get());
    }

    @Test
    void anUndeclaredLengthIsReadNoFurtherThanTheLimit() {
        AtomicLong read = new AtomicLong();
        InputStream spacesForever = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return ' ';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                java.util.Arrays.fill(buffer, offset, offset + length, (byte) ' ');
                read.addAndGet(length);
                return length;
            }
        };
        assertRefused(413, () -> HookBody.read("application/json", -1, spacesForever, LIMIT));
        assertEquals(LIMIT + 1, read.get());
        String padded = " ".repeat(LIMIT - AUTH.length()) + AUTH;
        assertEquals("c1", assertRead(padded.getBytes(StandardCharsets.UTF_8)).getString("clientid"));
        assertRefused(413, () -> HookBody.read("application/json", -1,
                new ByteArrayInputStream((" " + padded).getBytes(StandardCharsets.UTF_8)), LIMIT));
    }

    @Test
    void nestingIsBoundedAndRefusedWithoutRecursingIntoIt() throws Exception {
        assertEquals("the body is nested deeper than 16 levels", assertRefused(400,
                () -> read("application/json", "{\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}")));
        assertRefused(400, () -> read("application/json", "{\"a\":" + "{\"a\":".repeat(3_000)));
        String sixteen = "{\"a\":".repeat(15) + "[]" + "}".repeat(15);
        read("application/json", sixteen);
        assertRefused(400, () -> read("application/json", "{\"a\":" + sixteen + "}"));
    }

    @Test
    void duplicateKeysAreRefusedAtEveryLevel() {
        assertEquals("duplicate key \"username\"", assertRefused(400, () -> read("application/json",
                "{\"username\":\"collector\",\"username\":\"device:0195f6a0-0000-7000-8000-000000000001\"}")));
        assertRefused(400, () -> read("application/json", "{\"a\":{\"b\":1,\"b\":1}}"));
        assertRefused(400, () -> read("application/json", "{\"a\":[{\"b\":1,\"b\":2}]}"));
        assertEquals("duplicate key \"a\\nb\"", assertRefused(400,
                () -> read("application/json", "{\"a\\nb\":1,\"a\\nb\":2}")), "control characters stay escaped");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} x", "{}{}", "{}[]", "{} {\"username\":\"collector\"}", "{}\u0000", "{},"})
    void nothingMayFollowTheObject(String body) {
        assertRefused(400, () -> read("application/json", body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "[]", "\"username\"", "null", "1", "{", "{\"a\"}", "{\"a\":}", "{'a':1}",
            "{\"a\":1,}", "{\"a\":01}", "{\"a\":\"\u0001\"}", "{\"a\":1e9999999999}", "{\"a\":-1e-9999999999}"})
    void anythingButOneJsonObjectIsBadRequest(String body) {
        assertRefused(400, () -> read("application/json", body));
    }

    @Test
    void aNumberOfTenThousandDigitsIsBadRequestOrKeptButNeverAFailure() throws Exception {
        String body = "{\"a\":1" + "0".repeat(10_000) + "}";
        try {
            read("application/json", body);
        } catch (HookBody.Refused refused) {
            assertEquals(400, refused.status());
        }
    }

    @Test
    void malformedUtf8IsBadRequest() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'};
        assertRefused(400, () -> HookBody.read("application/json", body.length, new ByteArrayInputStream(body), LIMIT));
    }

    @Test
    void anUnreadableBodyIsBadRequest() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertRefused(400, () -> HookBody.read("application/json", -1, broken, LIMIT));
    }

    @Test
    void messagesNeverEchoTheBody() {
        String message = assertRefused(400, () -> read("application/json", "{\"password\":\"hunter2\" hunter2}"));
        assertFalse(message.contains("hunter2"), message);
    }

    private static JsonObject read(String contentType, String body) throws HookBody.Refused {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return HookBody.read(contentType, bytes.length, new ByteArrayInputStream(bytes), LIMIT);
    }

    private static JsonObject assertRead(byte[] bytes) {
        try {
            return HookBody.read("application/json", bytes.length, new ByteArrayInputStream(bytes), LIMIT);
        } catch (HookBody.Refused e) {
            throw new AssertionError(e.getMessage());
        }
    }

    private interface Reading {
        void run() throws HookBody.Refused;
    }

    private static String assertRefused(int status, Reading reading) {
        HookBody.Refused refused = assertThrows(HookBody.Refused.class, reading::run);
        assertEquals(status, refused.status(), refused.getMessage());
        return refused.getMessage();
    }
}
