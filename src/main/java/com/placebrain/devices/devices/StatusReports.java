package com.placebrain.devices.devices;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A group of statuses devices published (telemetry.status), reduced to what applying them one by
 * one, in record order, through {@link Device#reportStatus} would leave: per device and the place
 * its record named, the newest status by time (of equal times the later record, as one by one),
 * and the newest ONLINE time among the statuses that would each have been applied on the way,
 * since an ONLINE marks the device seen even when an OFFLINE follows it.
 */
public final class StatusReports {

    /** One record: the device, the place its topic named, the status and when the device reported it. */
    public record Report(UUID place, UUID device, DeviceStatus status, OffsetDateTime at) {
    }

    /**
     * What a group leaves for one device under one place. {@code at} and {@code onlineAt} are
     * already no later than now; {@code onlineAt} is null when no ONLINE would have been applied.
     * Both apply only if {@code at} (and {@code onlineAt} for last_seen_at) is not older than the
     * device's last status applied.
     */
    public record Net(UUID place, UUID device, DeviceStatus status, OffsetDateTime at, OffsetDateTime onlineAt) {
    }

    private StatusReports() {
    }

    /** In the order each (device, place) first appears; times beyond {@code now} count as now. */
    public static List<Net> net(List<Report> reports, OffsetDateTime now) {
        record Key(UUID device, UUID place) {
        }
        Map<Key, Net> newest = new LinkedHashMap<>();
        for (Report report : reports) {
            OffsetDateTime when = report.at().isAfter(now) ? now : report.at();
            Key key = new Key(report.device(), report.place());
            Net current = newest.get(key);
            // Applied one by one, a status is applied unless older than the newest before it.
            if (current == null || !when.isBefore(current.at())) {
                OffsetDateTime online = report.status() == DeviceStatus.ONLINE ? when
                        : current == null ? null : current.onlineAt();
                newest.put(key, new Net(report.place(), report.device(), report.status(), when, online));
            }
        }
        return new ArrayList<>(newest.values());
    }
}
