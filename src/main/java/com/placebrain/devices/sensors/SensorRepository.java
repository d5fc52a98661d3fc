package com.placebrain.devices.sensors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SensorRepository {

    @PersistenceContext(unitName = "devices")
    EntityManager em;

    public void add(Sensor sensor) {
        em.persist(sensor);
    }

    public Optional<Sensor> find(UUID id) {
        return Optional.ofNullable(em.find(Sensor.class, id));
    }

    public Optional<Sensor> findOfDevice(UUID deviceId, UUID sensorId) {
        return find(sensorId).filter(s -> s.deviceId().equals(deviceId));
    }

    public List<Sensor> ofDevice(UUID deviceId) {
        return em.createQuery("SELECT s FROM Sensor s WHERE s.deviceId = :device ORDER BY s.key", Sensor.class)
                .setParameter("device", deviceId)
                .getResultList();
    }

    public boolean keyTaken(UUID deviceId, String key) {
        return !em.createQuery("SELECT s.id FROM Sensor s WHERE s.deviceId = :device AND s.key = :key", UUID.class)
                .setParameter("device", deviceId)
                .setParameter("key", key)
                .setMaxResults(1)
                .getResultList().isEmpty();
    }

    /** Its thresholds go with it (ON DELETE CASCADE). */
    public void delete(Sensor sensor) {
        em.remove(sensor);
    }
}
