package com.placebrain.devices.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.placebrain.devices.grpc.v1.DeviceInfo;
import com.placebrain.devices.platform.TestMetrics;
import com.placebrain.devices.platform.errors.ServiceException;
import com.placebrain.devices.sensors.Sensor;
import com.placebrain.devices.sensors.SensorValueType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GetDevice and ListDevices answers kept by a replica, over reads the test counts and changes, on a
 * clock the test moves. How the copies are voided is KeptCopies' rule; this checks what voids them.
 */
class DeviceAnswersTest {

    private static final int MAX_AGE_MS = 60_000;
    private final UUID place = UUID.randomUUID();
    private final UUID deviceId = UUID.randomUUID();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final TestMetrics metrics = new TestMetrics();
    private final CountedReads reads = new CountedReads();
    private final DeviceAnswers answers = new DeviceAnswers(reads, new DeviceCopySettings(MAX_AGE_MS, 1 << 20),
            new AnswerMetrics(metrics.registry), now::get);
    private final DeviceChangeFeed feed = new DeviceChangeFeed();

    /** PostgreSQL as the test sets it: one device of one place, its name changed at will. */
    private final class CountedReads extends DeviceReads {
        final Map<UUID, String> names = new HashMap<>();
        int detailReads;
        int pageReads;
        /** Run in the middle of the next read: a change that commits while it reads. */
        Runnable duringRead = () -> { };

        @Override
        public Optional<DeviceService.DeviceDetails> details(UUID placeId, UUID id) {
            detailReads++;
            String name = names.get(id);
            runDuringRead();
            if (name == null || !placeId.equals(place)) {
                return Optional.empty();
            }
            return Optional.of(new DeviceService.DeviceDetails(view(id, name), List.of(new Sensor(UUID.randomUUID(), id,
                    "temp", "Temperature", SensorValueType.NUMBER, "C", 1)), List.of()));
        }

        @Override
        public DeviceService.DevicePage page(UUID placeId, long offset, int limit) {
            pageReads++;
            List<DeviceView> views = new ArrayList<>();
            names.forEach((id, name) -> views.add(view(id, name)));
            runDuringRead();
            return new DeviceService.DevicePage(placeId.equals(place) ? views : List.of(), placeId.equals(place) ? views.size() : 0);
        }

        private void runDuringRead() {
            Runnable change = duringRead;
            duringRead = () -> { };
            change.run();
        }

        private DeviceView view(UUID id, String name) {
            OffsetDateTime at = OffsetDateTime.parse("2026-11-30T12:00:00Z");
            return new DeviceView(id, place, name, DeviceStatus.OFFLINE, null, at, at);
        }
    }

    @BeforeEach
    void setUp() {
        reads.names.put(deviceId, "Boiler");
        feed.answers = answers;
        feed.listening();
    }

    private String name() {
        return answers.device(place, deviceId).getName();
    }

    @Test
    void aRepeatedReadIsAnsweredFromTheCopyUntilTheDeviceChanges() {
        assertEquals("Boiler", name());
        reads.names.put(deviceId, "Renamed");
        assertEquals("Boiler", name(), "no change heard yet: the copy");
        assertEquals(1, reads.detailReads);

        feed.notified(deviceId.toString());

        assertEquals("Renamed", name());
        assertEquals(2, reads.detailReads);
        assertEquals(1, metrics.count("device.answers call=GetDevice answer=kept"));
        assertEquals(2, metrics.count("device.answers call=GetDevice answer=read"));
    }

    @Test
    void aWriteThroughThisReplicaIsReadThereOnceItCommits() {
        name();
        reads.names.put(deviceId, "Renamed");
        answers.changedHere(new DevicesChanged(place, Set.of(deviceId)));
        assertEquals("Renamed", name());
    }

    @Test
    void aChangeThatCommitsWhileTheDeviceIsReadLeavesNoCopy() {
        reads.duringRead = () -> feed.notified(deviceId + " " + place);
        assertEquals("Boiler", name());
        reads.names.put(deviceId, "Renamed");
        assertEquals("Renamed", name(), "the read that straddled the change was not kept");
    }

    @Test
    void aKeptDeviceAskedInAnotherPlaceIsNotFoundWithoutARead() {
        name();
        ServiceException notFound = assertThrows(ServiceException.class, () -> answers.device(UUID.randomUUID(), deviceId));
        assertEquals(ServiceException.Kind.NOT_FOUND, notFound.kind());
        assertEquals(1, reads.detailReads);
    }

    @Test
    void whatIsNotFoundIsNotKept() {
        UUID missing = UUID.randomUUID();
        assertThrows(ServiceException.class, () -> answers.device(place, missing));
        reads.names.put(missing, "Created since");
        assertEquals("Created since", answers.device(place, missing).getName());
    }

    @Test
    void aChangeOfADeviceRowVoidsItsPlacesPagesAndAPartsChangeDoesNot() {
        assertEquals(1, answers.page(place, 0, 20).getTotal());
        answers.page(place, 0, 20);
        assertEquals(1, reads.pageReads);

        feed.notified(deviceId.toString());
        answers.page(place, 0, 20);
        assertEquals(1, reads.pageReads, "a sensor or actuator is not on a page");

        UUID added = UUID.randomUUID();
        reads.names.put(added, "Added");
        feed.notified(added + " " + place);
        assertEquals(2, answers.page(place, 0, 20).getTotal());
        assertEquals(2, reads.pageReads);
    }

    @Test
    void aDeviceAddedThroughThisReplicaIsListedThereOnceItCommits() {
        answers.page(place, 0, 20);
        reads.names.put(UUID.randomUUID(), "Added");
        answers.changedHere(new DevicesChanged(place, Set.of()));
        assertEquals(2, answers.page(place, 0, 20).getTotal());
    }

    @Test
    void whileTheFeedIsDownEveryCallReadsAndNothingIsKeptAfter() {
        name();
        feed.lost();
        name();
        name();
        assertEquals(3, reads.detailReads);
        feed.listening();
        reads.names.put(deviceId, "Renamed while down");
        assertEquals("Renamed while down", name(), "copies start empty when the feed is back");
    }

    @Test
    void aNotificationNotOfOurTriggersFormVoidsEverything() {
        name();
        answers.page(place, 0, 20);
        for (String payload : List.of("", "not-a-uuid", deviceId + " " + place + " extra", deviceId + " nonsense")) {
            int before = reads.detailReads;
            feed.notified(payload);
            name();
            assertEquals(before + 1, reads.detailReads, "read again after '" + payload + "'");
        }
        answers.page(place, 0, 20);
        assertEquals(2, reads.pageReads);
    }

    @Test
    void emptyPagesWeighTheirEntrySoAPagingCallerCannotGrowTheCopiesWithoutBound() {
        DeviceAnswers small = new DeviceAnswers(reads, new DeviceCopySettings(MAX_AGE_MS, 10 * DeviceAnswers.ENTRY_BYTES),
                new AnswerMetrics(new TestMetrics().registry), now::get);
        small.feedUp();
        UUID empty = UUID.randomUUID();
        for (int pass = 0; pass < 2; pass++) {
            for (int offset = 0; offset < 100; offset++) {
                assertEquals(0, small.page(empty, offset, 20).getSerializedSize(), "nothing on the wire");
            }
        }
        assertEquals(200 - 10, reads.pageReads, "ten kept (each weighs its entry), the rest read twice");
    }

    @Test
    void aCopyIsReadAgainAfterItsMaxAge() {
        name();
        now.addAndGet((MAX_AGE_MS - 1) * 1_000_000L);
        name();
        assertEquals(1, reads.detailReads);
        now.addAndGet(1_000_000L);
        name();
        assertEquals(2, reads.detailReads);
    }

    @Test
    void withNoMaxAgeNothingIsKept() {
        DeviceAnswers off = new DeviceAnswers(reads, new DeviceCopySettings(0, 1 << 20),
                new AnswerMetrics(new TestMetrics().registry), now::get);
        off.feedUp();
        off.device(place, deviceId);
        off.device(place, deviceId);
        assertEquals(2, reads.detailReads);
        assertEquals(false, off.enabled());
    }

    @Test
    void theAnswerIsTheWireFormOfTheRead() {
        DeviceInfo info = answers.device(place, deviceId);
        assertEquals(deviceId.toString(), info.getDeviceId());
        assertEquals(place.toString(), info.getPlaceId());
        assertEquals(1, info.getSensorsCount());
    }
}
