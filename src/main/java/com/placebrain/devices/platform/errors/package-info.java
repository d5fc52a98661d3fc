/**
 * The failure model every transport maps from: {@link com.placebrain.devices.platform.errors.ServiceException}
 * for answers a caller can act on, {@link com.placebrain.devices.platform.errors.DependencyFailures}
 * for a store out of service, and {@link com.placebrain.devices.platform.errors.Failure}, which
 * classifies any failure into one of those or a bug logged under a reference. gRPC, the EMQX hooks
 * and the Kafka consumers only map these to their own statuses.
 */
package com.placebrain.devices.platform.errors;
