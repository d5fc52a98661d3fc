package com.placebrain.devices.devices;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

@ApplicationScoped
public class DeviceRepository {

    @PersistenceContext(unitName = "devices")
    EntityManager em;

    public void add(Device device) {
        em.persist(device);
    }

    public Optional<Device> find(UUID id) {
        return Optional.ofNullable(em.find(Device.class, id));
    }

    /** The device only if it belongs to the place: another place's device is as good as absent. */
    public Optional<Device> findInPlace(UUID placeId, UUID deviceId) {
        return find(deviceId).filter(d -> d.placeId().equals(placeId));
    }

    /** Same, with a row lock held until commit, for changes that must not interleave. */
    public Optional<Device> lockInPlace(UUID placeId, UUID deviceId) {
        return Optional.ofNullable(em.find(Device.class, deviceId, LockModeType.PESSIMISTIC_WRITE))
                .filter(d -> d.placeId().equals(placeId));
    }

    /**
     * Sets the token's fast verifier only while the token is still the one it was made for, and
     * leaves updated_at alone: nothing a user changed.
     */
    public void storeTokenVerifier(UUID deviceId, String tokenHash, String verifier) {
        em.createNativeQuery("UPDATE devices SET token_verifier = ?1 WHERE id = ?2 AND token_hash = ?3")
                .setParameter(1, verifier)
                .setParameter(2, deviceId)
                .setParameter(3, tokenHash)
                .executeUpdate();
    }

    /** Sensors, actuators and thresholds go with it (ON DELETE CASCADE). */
    public void delete(Device device) {
        em.remove(device);
    }

    /**
     * Deletes every device of the place and returns their ids, in one statement: a device created
     * or deleted meanwhile is either deleted and returned or not touched, never reported wrongly.
     * Sensors, actuators and thresholds go with them (ON DELETE CASCADE).
     */
    @SuppressWarnings("unchecked")
    public List<UUID> deleteAllOfPlace(UUID placeId) {
        return em.createNativeQuery("DELETE FROM devices WHERE place_id = ?1 RETURNING id", UUID.class)
                .setParameter(1, placeId)
                .getResultList();
    }

    /**
     * Applies a group of statuses in one transaction's two statements: the devices' rows locked in
     * id order (so two groups, or a group and a place deletion, cannot deadlock over the order of
     * their rows), then one UPDATE of the devices that are in the place their record named, by the
     * rule of {@link Device#reportStatus}. Returns how many (device, place) pairs named no device.
     */
    public int applyStatuses(List<StatusReports.Net> statuses, OffsetDateTime now) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            Map<UUID, UUID> places = lockInIdOrder(connection, statuses.stream().map(StatusReports.Net::device).toList());
            List<StatusReports.Net> known = statuses.stream()
                    .filter(s -> s.place().equals(places.get(s.device()))).toList();
            if (!known.isEmpty()) {
                try (PreparedStatement update = connection.prepareStatement("""
                        UPDATE devices d SET status = u.status::devicestatusenum, status_reported_at = u.at,
                            updated_at = ?,
                            last_seen_at = CASE WHEN d.status_reported_at IS NULL OR u.online_at >= d.status_reported_at
                                THEN GREATEST(d.last_seen_at, u.online_at) ELSE d.last_seen_at END
                        FROM unnest(?::uuid[], ?::text[], ?::text[]::timestamptz[], ?::text[]::timestamptz[]) AS u(id, status, at, online_at)
                        WHERE d.id = u.id AND (d.status_reported_at IS NULL OR u.at >= d.status_reported_at)
                        """)) {
                    update.setObject(1, now);
                    update.setArray(2, connection.createArrayOf("uuid", known.stream().map(StatusReports.Net::device).toArray()));
                    update.setArray(3, connection.createArrayOf("text", known.stream().map(s -> s.status().name()).toArray()));
                    update.setArray(4, timestamps(connection, known.stream().map(StatusReports.Net::at).toList()));
                    update.setArray(5, timestamps(connection, known.stream().map(StatusReports.Net::onlineAt).toList()));
                    update.executeUpdate();
                }
            }
            return statuses.size() - known.size();
        });
    }

    /** A reading's device, the place its record named, and when it was taken (no later than now). */
    public record Sighting(UUID place, UUID device, OffsetDateTime at) {
    }

    /**
     * For {@link DeviceService#seen} of a group: each device's place (absent: no such device), and
     * last_seen_at moved forward for each device whose sighting named its own place; one device
     * appears once. Rows locked in id order first, as for statuses.
     */
    public Map<UUID, UUID> seenAll(List<Sighting> sightings) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            Map<UUID, UUID> places = lockInIdOrder(connection, sightings.stream().map(Sighting::device).toList());
            List<Sighting> inPlace = sightings.stream().filter(s -> s.place().equals(places.get(s.device()))).toList();
            if (!inPlace.isEmpty()) {
                try (PreparedStatement update = connection.prepareStatement("""
                        UPDATE devices d SET last_seen_at = u.at
                        FROM unnest(?::uuid[], ?::text[]::timestamptz[]) AS u(id, at)
                        WHERE d.id = u.id AND (d.last_seen_at IS NULL OR d.last_seen_at < u.at)
                        """)) {
                    update.setArray(1, connection.createArrayOf("uuid", inPlace.stream().map(Sighting::device).toArray()));
                    update.setArray(2, timestamps(connection, inPlace.stream().map(Sighting::at).toList()));
                    update.executeUpdate();
                }
            }
            return places;
        });
    }

    /** Locks the rows of these devices that exist, in id order; returns their places. */
    private static Map<UUID, UUID> lockInIdOrder(Connection connection, List<UUID> ids) throws SQLException {
        Map<UUID, UUID> places = new HashMap<>();
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT id, place_id FROM devices WHERE id = ANY (?) ORDER BY id FOR UPDATE")) {
            lock.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    places.put(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class));
                }
            }
        }
        return places;
    }

    /** As ISO-8601 text with its offset (cast by the statement): no JVM time zone in the way. */
    private static Array timestamps(Connection connection, List<OffsetDateTime> times) throws SQLException {
        List<String> values = new ArrayList<>(times.size());
        for (OffsetDateTime time : times) {
            values.add(time == null ? null : time.toString());
        }
        return connection.createArrayOf("text", values.toArray());
    }
}
