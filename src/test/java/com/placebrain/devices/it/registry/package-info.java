/**
 * Integration tests of the device registry RPCs: devices, tokens, sensors, actuators and
 * thresholds, their wire formats and stored rows, the Python fixture database read as adopted,
 * authorization by role and place (tenant isolation), input validation, NUL characters, and
 * GetAllThresholds at scale. {@code RegistryRpcs} is the table of RPCs the matrix tests run;
 * {@code WireValues} checks ids, tokens and timestamps as the Python service writes them.
 */
package com.placebrain.devices.it.registry;
