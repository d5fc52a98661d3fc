package com.placebrain.devices.actuators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.placebrain.devices.platform.errors.ServiceException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActuatorSpecTest {

    @Test
    void anEnumOptionWithNulIsInvalid() {
        ServiceException rejected = assertThrows(ServiceException.class,
                () -> ActuatorSpec.of(ActuatorValueType.ENUM, 0, 0, 0, List.of("day", "night\u0000")));

        assertEquals(ServiceException.Kind.INVALID_ARGUMENT, rejected.kind());
        assertEquals("enum_options: must not contain the NUL character", rejected.getMessage());
    }

    @Test
    void enumOptionsWithoutNulAreKept() {
        assertEquals(List.of("day", "night"),
                ActuatorSpec.of(ActuatorValueType.ENUM, 0, 0, 0, List.of("day", "night")).enumOptions());
    }
}
