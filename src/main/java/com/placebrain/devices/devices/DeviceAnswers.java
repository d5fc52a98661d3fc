package com.placebrain.devices.devices;

import static com.placebrain.devices.platform.errors.ServiceException.notFound;

import com.placebrain.devices.grpc.v1.DeviceInfo;
import com.placebrain.devices.grpc.v1.ListDevicesResponse;
import com.placebrain.devices.platform.cache.KeptCopies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The answers of GetDevice and ListDevices as they go on the wire, kept in this replica's memory
 * while nothing says they changed, so that a repeated read costs no PostgreSQL round trip (the
 * caller's role is still checked on every call, before this is asked).
 *
 * <p>What changes them: every commit that touches a device's row, sensors or actuators notifies
 * PostgreSQL channel {@code device_answers} (changeset 008's triggers, whoever wrote: a call on any
 * replica, a Kafka consumer, a cascade, an operator's SQL), which {@link DeviceChangeFeed} listens
 * to; and, so that a caller reads its own write on the replica it wrote through, the
 * {@link DevicesChanged} of that write, dropped here once it commits, before its caller is answered.
 * When a copy may be used is {@link KeptCopies}' rule: the LISTEN is its feed (nothing is kept while
 * it is down), a read that began before a change is never kept past it, and a copy is read again
 * after {@code devices.read-copies.max-age-ms}. What is not found is not kept. The answers kept are
 * bounded by their wire size and {@link #ENTRY_BYTES} each ({@code devices.read-copies.max-bytes},
 * for each of the two calls).
 *
 * <p>A GetDevice copy is a device's, in its place: asked in another place, the device is not found,
 * as PostgreSQL would answer (a device never moves between places through this service; a move by
 * SQL notifies like any other change). A ListDevices copy is one page of one place, all of whose
 * pages any change of one of its devices' rows voids.
 */
@ApplicationScoped
public class DeviceAnswers {

    /** A ListDevices page: the place, the offset of its first device, and its size. */
    record Page(UUID place, long offset, int size) {
    }

    private record KeptDevice(UUID place, DeviceInfo info) {
    }

    /**
     * What a kept answer weighs beyond its wire size: its key, the map's entry and the ticket.
     * Without it an empty page (0 bytes on the wire) would weigh nothing, and a caller paging
     * through an empty place could keep answers without bound.
     */
    static final int ENTRY_BYTES = 256;

    private final DeviceReads reads;
    private final AnswerMetrics metrics;
    private final KeptCopies<UUID, KeptDevice> devices;
    private final KeptCopies<Page, ListDevicesResponse> pages;

    @Inject
    DeviceAnswers(DeviceReads reads, DeviceCopySettings settings, AnswerMetrics metrics) {
        this(reads, settings, metrics, System::nanoTime);
        metrics.copiesKept(devices::size, pages::size);
    }

    DeviceAnswers(DeviceReads reads, DeviceCopySettings settings, AnswerMetrics metrics, LongSupplier nanoTime) {
        this.reads = reads;
        this.metrics = metrics;
        this.devices = new KeptCopies<>(settings.maxAgeMillis(), settings.maxBytes(), nanoTime, Function.identity(),
                kept -> ENTRY_BYTES + kept.info().getSerializedSize());
        this.pages = new KeptCopies<>(settings.maxAgeMillis(), settings.maxBytes(), nanoTime, Page::place,
                page -> ENTRY_BYTES + page.getSerializedSize());
    }

    /** For CDI's client proxy. */
    protected DeviceAnswers() {
        this.reads = null;
        this.metrics = null;
        this.devices = null;
        this.pages = null;
    }

    /** Whether answers are kept at all (then the replica listens for changes). */
    public boolean enabled() {
        return devices.enabled() || pages.enabled();
    }

    /** The device with its sensors and actuators; NOT_FOUND unless it is in that place. */
    public DeviceInfo device(UUID placeId, UUID deviceId) {
        Optional<KeptDevice> kept = devices.fresh(deviceId);
        metrics.device(kept.isPresent());
        if (kept.isPresent()) {
            if (!kept.get().place().equals(placeId)) {
                throw notFound("device");
            }
            return kept.get().info();
        }
        Optional<KeptCopies.Ticket> ticket = devices.ticket(deviceId);
        DeviceInfo info = reads.details(placeId, deviceId).map(DeviceMessages::info)
                .orElseThrow(() -> notFound("device"));
        ticket.ifPresent(t -> devices.keep(deviceId, new KeptDevice(placeId, info), t));
        return info;
    }

    /** A page of the place's devices, newest first, and how many the place has. */
    public ListDevicesResponse page(UUID placeId, long offset, int size) {
        Page page = new Page(placeId, offset, size);
        Optional<ListDevicesResponse> kept = pages.fresh(page);
        metrics.page(kept.isPresent());
        if (kept.isPresent()) {
            return kept.get();
        }
        Optional<KeptCopies.Ticket> ticket = pages.ticket(page);
        ListDevicesResponse answer = DeviceMessages.page(reads.page(placeId, offset, size));
        ticket.ifPresent(t -> pages.keep(page, answer, t));
        return answer;
    }

    /** A write made through this replica committed: its caller reads it here next. */
    void changedHere(@Observes(during = TransactionPhase.AFTER_SUCCESS) DevicesChanged changed) {
        changed.devices().forEach(devices::evict);
        pages.evict(changed.place());
    }

    /** A device's row (then its place is known) or one of its parts changed. */
    public void changed(UUID deviceId, Optional<UUID> placeId) {
        devices.evict(deviceId);
        placeId.ifPresent(pages::evict);
    }

    /** Something changed that cannot be told apart: nothing kept holds. */
    public void changedAll() {
        devices.evictAll();
        pages.evictAll();
    }

    /** Changes are heard (again): start from nothing, then keep. */
    public void feedUp() {
        devices.feedUp();
        pages.feedUp();
    }

    /** Changes may go unheard: keep and use nothing until {@link #feedUp()}. */
    public void feedDown() {
        devices.feedDown();
        pages.feedDown();
    }
}
