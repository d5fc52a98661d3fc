/**
 * The shapes of the events this service publishes (CONTRACT §2 "Produced"), one record each.
 */
package com.placebrain.devices.events.outbound;
