package com.placebrain.devices.thresholds;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

@ApplicationScoped
public class ThresholdRepository {

    /** The stable order of thresholds everywhere: MIN before MAX, WARNING before CRITICAL. */
    static final String ORDER = "t.type, t.severity, t.id";
    private static final int FETCH_SIZE = 5_000;

    @PersistenceContext(unitName = "devices")
    EntityManager em;

    /** One row of {@link #forEachWithSensor}: a threshold with its sensor's device, place and key. */
    public record ThresholdOfSensor(UUID sensorId, UUID deviceId, UUID placeId, String sensorKey,
                                    UUID thresholdId, ThresholdType type, double value,
                                    ThresholdSeverity severity) {
    }

    public void add(Threshold threshold) {
        em.persist(threshold);
    }

    public Optional<Threshold> findOfSensor(UUID sensorId, UUID thresholdId) {
        return Optional.ofNullable(em.find(Threshold.class, thresholdId)).filter(t -> t.sensorId().equals(sensorId));
    }

    public List<Threshold> ofSensor(UUID sensorId) {
        return em.createQuery("SELECT t FROM Threshold t WHERE t.sensorId = :sensor ORDER BY " + ORDER, Threshold.class)
                .setParameter("sensor", sensorId)
                .getResultList();
    }

    /**
     * Streams every threshold with its sensor, grouped by sensor, without loading entities into
     * the persistence context: memory stays flat however many thresholds there are.
     */
    public void forEachWithSensor(Consumer<ThresholdOfSensor> consumer) {
        try (Stream<ThresholdOfSensor> rows = em.createQuery("""
                        SELECT new com.placebrain.devices.thresholds.ThresholdRepository$ThresholdOfSensor(
                               s.id, s.deviceId, d.placeId, s.key, t.id, t.type, t.value, t.severity)
                        FROM Threshold t, Sensor s, Device d
                        WHERE s.id = t.sensorId AND d.id = s.deviceId
                        ORDER BY s.id, """ + ORDER, ThresholdOfSensor.class)
                .setHint("org.hibernate.fetchSize", FETCH_SIZE)
                .setHint("org.hibernate.readOnly", true)
                .getResultStream()) {
            rows.forEach(consumer);
        }
    }

    public void delete(Threshold threshold) {
        em.remove(threshold);
    }
}
