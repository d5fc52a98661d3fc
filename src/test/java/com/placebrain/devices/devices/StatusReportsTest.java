package com.placebrain.devices.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.placebrain.devices.devices.StatusReports.Net;
import com.placebrain.devices.devices.StatusReports.Report;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A group of statuses reduced to what applying them one by one (Device.reportStatus) would leave. */
class StatusReportsTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-30T12:00:00Z");
    private static final OffsetDateTime T1 = NOW.minusMinutes(3);
    private static final OffsetDateTime T2 = NOW.minusMinutes(2);
    private static final OffsetDateTime T3 = NOW.minusMinutes(1);

    private final UUID place = UUID.randomUUID();
    private final UUID device = UUID.randomUUID();

    private Report report(DeviceStatus status, OffsetDateTime at) {
        return new Report(place, device, status, at);
    }

    @Test
    void theNewestStatusWinsWhateverTheOrderOfTheRecords() {
        List<Net> net = StatusReports.net(List.of(report(DeviceStatus.OFFLINE, T3), report(DeviceStatus.ONLINE, T1),
                report(DeviceStatus.ONLINE, T2)), NOW);
        assertEquals(List.of(new Net(place, device, DeviceStatus.OFFLINE, T3, null)), net,
                "the ONLINEs come after a newer OFFLINE: one by one neither would be applied, nor mark the device seen");
    }

    @Test
    void ofEqualTimesTheLaterRecordWins() {
        assertEquals(DeviceStatus.OFFLINE, StatusReports.net(List.of(report(DeviceStatus.ONLINE, T2),
                report(DeviceStatus.OFFLINE, T2)), NOW).getFirst().status());
        assertEquals(DeviceStatus.ONLINE, StatusReports.net(List.of(report(DeviceStatus.OFFLINE, T2),
                report(DeviceStatus.ONLINE, T2)), NOW).getFirst().status());
    }

    @Test
    void anOnlineFollowedByANewerOfflineStillMarksTheDeviceSeen() {
        assertEquals(List.of(new Net(place, device, DeviceStatus.OFFLINE, T3, T2)), StatusReports.net(List.of(
                report(DeviceStatus.ONLINE, T1), report(DeviceStatus.ONLINE, T2), report(DeviceStatus.OFFLINE, T3)), NOW));
    }

    @Test
    void aTimeBeyondNowCountsAsNow() {
        assertEquals(List.of(new Net(place, device, DeviceStatus.ONLINE, NOW, NOW)),
                StatusReports.net(List.of(report(DeviceStatus.ONLINE, NOW.plusYears(2))), NOW));
    }

    @Test
    void devicesAndPlacesAreKeptApartInTheOrderFirstSeen() {
        UUID other = UUID.randomUUID();
        UUID otherPlace = UUID.randomUUID();
        List<Net> net = StatusReports.net(List.of(report(DeviceStatus.ONLINE, T1),
                new Report(place, other, DeviceStatus.ONLINE, T3),
                new Report(otherPlace, device, DeviceStatus.OFFLINE, T3),
                report(DeviceStatus.OFFLINE, T2)), NOW);
        assertEquals(List.of(new Net(place, device, DeviceStatus.OFFLINE, T2, T1),
                new Net(place, other, DeviceStatus.ONLINE, T3, T3),
                new Net(otherPlace, device, DeviceStatus.OFFLINE, T3, null)), net,
                "a record naming another place is judged alone: it is dropped if that is not the device's place");
    }

    /**
     * Against the rule itself: random groups applied one by one to a device with a random last
     * status, and the group's net applied once as the store applies it, leave the same device.
     */
    @Test
    void theNetOfAGroupLeavesWhatApplyingItsRecordsOneByOneLeaves() {
        Random random = new Random(12);
        for (int round = 0; round < 2_000; round++) {
            OffsetDateTime stored = random.nextBoolean() ? null : NOW.minusSeconds(random.nextInt(10));
            List<Report> group = new ArrayList<>();
            for (int i = random.nextInt(8) + 1; i > 0; i--) {
                group.add(report(random.nextBoolean() ? DeviceStatus.ONLINE : DeviceStatus.OFFLINE,
                        NOW.minusSeconds(random.nextInt(12) - 2)));
            }
            Device oneByOne = device(stored);
            group.forEach(r -> oneByOne.reportStatus(r.status(), r.at(), NOW));
            Device grouped = device(stored);
            Net net = StatusReports.net(group, NOW).getFirst();
            // As DeviceRepository.applyStatuses' UPDATE does it:
            OffsetDateTime reportedAt = grouped.statusReportedAt();
            if (reportedAt == null || !net.at().isBefore(reportedAt)) {
                if (net.onlineAt() != null && (reportedAt == null || !net.onlineAt().isBefore(reportedAt))) {
                    grouped.seen(net.onlineAt(), NOW);
                }
                grouped.reportStatus(net.status(), net.at(), NOW);
                if (net.status() == DeviceStatus.ONLINE) {
                    assertEquals(net.at(), net.onlineAt());
                }
            }
            String what = "round " + round + ": stored " + stored + ", group " + group;
            assertEquals(oneByOne.status(), grouped.status(), what);
            assertEquals(oneByOne.statusReportedAt(), grouped.statusReportedAt(), what);
            assertEquals(oneByOne.lastSeenAt(), grouped.lastSeenAt(), what);
        }
    }

    private Device device(OffsetDateTime lastStatusAt) {
        Device made = new Device(device, place, "d", "hash", null, NOW.minusDays(1));
        if (lastStatusAt != null) {
            made.reportStatus(DeviceStatus.OFFLINE, lastStatusAt, NOW);
        }
        return made;
    }
}
