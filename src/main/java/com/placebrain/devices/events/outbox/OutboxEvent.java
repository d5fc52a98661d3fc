package com.placebrain.devices.events.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A Kafka record waiting to be published; written in the transaction of the change it reports. */
@Entity
@Table(name = "outbox_events")
public class OutboxEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long seq;

    @Column(nullable = false, unique = true)
    private UUID id;

    @Column(nullable = false)
    private String topic;

    @Column(name = "record_key", nullable = false)
    private String recordKey;

    @Column(nullable = false)
    private String payload;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    /** W3C traceparent of the call that wrote the event, when it was traced; the record's header of that name. */
    @Column
    private String traceparent;

    protected OutboxEvent() {
    }

    OutboxEvent(UUID id, String topic, String recordKey, String payload, OffsetDateTime createdAt,
            String traceparent) {
        this.id = id;
        this.topic = topic;
        this.recordKey = recordKey;
        this.payload = payload;
        this.createdAt = createdAt;
        this.traceparent = traceparent;
    }

    public Long seq() { return seq; }
    public UUID id() { return id; }
    public String topic() { return topic; }
    public String recordKey() { return recordKey; }
    public String payload() { return payload; }
    public String traceparent() { return traceparent; }
}
