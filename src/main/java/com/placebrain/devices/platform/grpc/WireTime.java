package com.placebrain.devices.platform.grpc;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as the Python service wrote them (datetime.isoformat()): UTC with a "+00:00"
 * offset, microseconds only when not zero, and "" for no timestamp.
 */
public final class WireTime {

    private static final DateTimeFormatter WITH_MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");
    private static final DateTimeFormatter WHOLE_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private WireTime() {
    }

    public static String format(OffsetDateTime time) {
        if (time == null) {
            return "";
        }
        OffsetDateTime utc = time.withOffsetSameInstant(ZoneOffset.UTC);
        return (utc.getNano() / 1000 == 0 ? WHOLE_SECONDS : WITH_MICROS).format(utc);
    }
}
