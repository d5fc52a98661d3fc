package com.placebrain.devices.thresholds;

import com.placebrain.devices.grpc.v1.GetAllThresholdsResponse;
import com.placebrain.devices.grpc.v1.SensorWithThresholds;
import com.placebrain.devices.grpc.v1.ThresholdInfo;
import com.placebrain.devices.thresholds.ThresholdRepository.ThresholdOfSensor;
import java.util.UUID;

/** Thresholds on the gRPC wire. */
public final class ThresholdMessages {

    private ThresholdMessages() {
    }

    /** Null for UNSPECIFIED or a number this contract does not know. */
    public static ThresholdType fromWire(com.placebrain.devices.grpc.v1.ThresholdType type) {
        return switch (type) {
            case THRESHOLD_TYPE_MIN -> ThresholdType.MIN;
            case THRESHOLD_TYPE_MAX -> ThresholdType.MAX;
            default -> null;
        };
    }

    public static ThresholdSeverity fromWire(com.placebrain.devices.grpc.v1.ThresholdSeverity severity) {
        return switch (severity) {
            case THRESHOLD_SEVERITY_WARNING -> ThresholdSeverity.WARNING;
            case THRESHOLD_SEVERITY_CRITICAL -> ThresholdSeverity.CRITICAL;
            default -> null;
        };
    }

    public static ThresholdInfo info(Threshold threshold) {
        return info(threshold.id(), threshold.sensorId(), threshold.type(), threshold.value(), threshold.severity());
    }

    private static ThresholdInfo info(UUID id, UUID sensorId, ThresholdType type, double value,
                                      ThresholdSeverity severity) {
        return ThresholdInfo.newBuilder()
                .setThresholdId(id.toString())
                .setSensorId(sensorId.toString())
                .setType(type == ThresholdType.MIN
                        ? com.placebrain.devices.grpc.v1.ThresholdType.THRESHOLD_TYPE_MIN
                        : com.placebrain.devices.grpc.v1.ThresholdType.THRESHOLD_TYPE_MAX)
                .setValue(value)
                .setSeverity(severity == ThresholdSeverity.WARNING
                        ? com.placebrain.devices.grpc.v1.ThresholdSeverity.THRESHOLD_SEVERITY_WARNING
                        : com.placebrain.devices.grpc.v1.ThresholdSeverity.THRESHOLD_SEVERITY_CRITICAL)
                .build();
    }

    /** Collects rows grouped by sensor into GetAllThresholdsResponse. */
    public static final class AllThresholds implements java.util.function.Consumer<ThresholdOfSensor> {

        private final GetAllThresholdsResponse.Builder response = GetAllThresholdsResponse.newBuilder();
        private SensorWithThresholds.Builder current;

        @Override
        public void accept(ThresholdOfSensor row) {
            String sensorId = row.sensorId().toString();
            if (current == null || !current.getSensorId().equals(sensorId)) {
                flush();
                current = SensorWithThresholds.newBuilder()
                        .setSensorId(sensorId)
                        .setDeviceId(row.deviceId().toString())
                        .setPlaceId(row.placeId().toString())
                        .setKey(row.sensorKey());
            }
            current.addThresholds(info(row.thresholdId(), row.sensorId(), row.type(), row.value(), row.severity()));
        }

        public GetAllThresholdsResponse build() {
            flush();
            return response.build();
        }

        private void flush() {
            if (current != null) {
                response.addSensors(current);
                current = null;
            }
        }
    }
}
