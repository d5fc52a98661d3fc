package com.placebrain.devices.actuators;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ActuatorRepository {

    @PersistenceContext(unitName = "devices")
    EntityManager em;

    public void add(Actuator actuator) {
        em.persist(actuator);
    }

    public Optional<Actuator> findOfDevice(UUID deviceId, UUID actuatorId) {
        return Optional.ofNullable(em.find(Actuator.class, actuatorId)).filter(a -> a.deviceId().equals(deviceId));
    }

    public Optional<Actuator> findByKey(UUID deviceId, String key) {
        return em.createQuery("SELECT a FROM Actuator a WHERE a.deviceId = :device AND a.key = :key", Actuator.class)
                .setParameter("device", deviceId)
                .setParameter("key", key)
                .getResultStream().findFirst();
    }

    public List<Actuator> ofDevice(UUID deviceId) {
        return em.createQuery("SELECT a FROM Actuator a WHERE a.deviceId = :device ORDER BY a.key", Actuator.class)
                .setParameter("device", deviceId)
                .getResultList();
    }

    public void delete(Actuator actuator) {
        em.remove(actuator);
    }
}
