package com.placebrain.devices.devices;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * Updates write only the columns that changed: status and last-seen updates run beside token
 * regeneration (row-locked) in other transactions, and writing the whole row would put back a
 * token hash or verifier they read before it changed.
 */
@Entity
@Table(name = "devices")
@DynamicUpdate
public class Device {

    @Id
    private UUID id;

    @Column(name = "place_id", nullable = false)
    private UUID placeId;

    @Column(nullable = false, length = 255)
    private String name;

    @Column(name = "token_hash", nullable = false, length = 255)
    private String tokenHash;

    /** Ours (changeset 006), not the Python service's: see TokenVerifier. */
    @Column(name = "token_verifier", length = 128)
    private String tokenVerifier;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.NAMED_ENUM)
    @Column(nullable = false, columnDefinition = "devicestatusenum")
    private DeviceStatus status;

    @Column(name = "last_seen_at")
    private OffsetDateTime lastSeenAt;

    /** Time of the last status applied (ours, not the Python service's): an older report loses. */
    @Column(name = "status_reported_at")
    private OffsetDateTime statusReportedAt;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected Device() {
    }

    public Device(UUID id, UUID placeId, String name, String tokenHash, String tokenVerifier, OffsetDateTime now) {
        this.id = id;
        this.placeId = placeId;
        this.name = name;
        this.tokenHash = tokenHash;
        this.tokenVerifier = tokenVerifier;
        this.status = DeviceStatus.OFFLINE;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public UUID id() { return id; }
    public UUID placeId() { return placeId; }
    public String name() { return name; }
    public String tokenHash() { return tokenHash; }
    public String tokenVerifier() { return tokenVerifier; }
    public DeviceStatus status() { return status; }
    public OffsetDateTime lastSeenAt() { return lastSeenAt; }
    public OffsetDateTime statusReportedAt() { return statusReportedAt; }
    public OffsetDateTime createdAt() { return createdAt; }
    public OffsetDateTime updatedAt() { return updatedAt; }

    public void rename(String newName, OffsetDateTime now) {
        this.name = newName;
        this.updatedAt = now;
    }

    /**
     * A status reported at {@code at}: applied, and true, unless a status of a later time was
     * applied before (status reports reach us in no guaranteed order). ONLINE also marks the device
     * seen at that time. Times beyond {@code now} count as now.
     */
    public boolean reportStatus(DeviceStatus newStatus, OffsetDateTime at, OffsetDateTime now) {
        OffsetDateTime when = notAfter(at, now);
        if (statusReportedAt != null && when.isBefore(statusReportedAt)) {
            return false;
        }
        this.statusReportedAt = when;
        this.status = newStatus;
        this.updatedAt = now;
        if (newStatus == DeviceStatus.ONLINE) {
            seen(when, now);
        }
        return true;
    }

    /** {@code last_seen_at} never moves backwards (old records replayed) nor beyond now (a device's clock). */
    public void seen(OffsetDateTime at, OffsetDateTime now) {
        OffsetDateTime when = notAfter(at, now);
        if (lastSeenAt == null || when.isAfter(lastSeenAt)) {
            this.lastSeenAt = when;
        }
    }

    private static OffsetDateTime notAfter(OffsetDateTime at, OffsetDateTime now) {
        return at.isAfter(now) ? now : at;
    }

    public void replaceToken(String newHash, String newVerifier, OffsetDateTime now) {
        this.tokenHash = newHash;
        this.tokenVerifier = newVerifier;
        this.updatedAt = now;
    }
}
