package com.placebrain.devices.devices;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
}
