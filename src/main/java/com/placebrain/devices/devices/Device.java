package com.placebrain.devices.devices;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "devices")
public class Device {

    @Id
    private UUID id;

    @Column(name = "place_id", nullable = false)
    private UUID placeId;

    @Column(nullable = false, length = 255)
    private String name;

    @Column(name = "token_hash", nullable = false, length = 255)
    private String tokenHash;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.NAMED_ENUM)
    @Column(nullable = false, columnDefinition = "devicestatusenum")
    private DeviceStatus status;

    @Column(name = "last_seen_at")
    private OffsetDateTime lastSeenAt;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected Device() {
    }

    public Device(UUID id, UUID placeId, String name, String tokenHash, OffsetDateTime now) {
        this.id = id;
        this.placeId = placeId;
        this.name = name;
        this.tokenHash = tokenHash;
        this.status = DeviceStatus.OFFLINE;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public UUID id() { return id; }
    public UUID placeId() { return placeId; }
    public String name() { return name; }
    public String tokenHash() { return tokenHash; }
    public DeviceStatus status() { return status; }
    public OffsetDateTime lastSeenAt() { return lastSeenAt; }
    public OffsetDateTime createdAt() { return createdAt; }
    public OffsetDateTime updatedAt() { return updatedAt; }

    public void rename(String newName, OffsetDateTime now) {
        this.name = newName;
        this.updatedAt = now;
    }

    public void changeStatus(DeviceStatus newStatus, OffsetDateTime now) {
        this.status = newStatus;
        if (newStatus == DeviceStatus.ONLINE) {
            this.lastSeenAt = now;
        }
        this.updatedAt = now;
    }

    public void seen(OffsetDateTime now) {
        this.lastSeenAt = now;
    }

    public void replaceTokenHash(String newHash, OffsetDateTime now) {
        this.tokenHash = newHash;
        this.updatedAt = now;
    }
}
