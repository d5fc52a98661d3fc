package com.placebrain.devices.devices;

import com.placebrain.devices.platform.validation.Fields;
import java.util.UUID;

/** Who asks about which device of which place: the validated ids every device-scoped request carries. */
public record DeviceAddress(UUID user, UUID place, UUID device) {

    public static DeviceAddress parse(String userId, String placeId, String deviceId) {
        return new DeviceAddress(Fields.uuid("user_id", userId), Fields.uuid("place_id", placeId),
                Fields.uuid("device_id", deviceId));
    }
}
