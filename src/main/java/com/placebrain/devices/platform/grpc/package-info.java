/**
 * gRPC plumbing that is not the device API: the standard health and reflection services, and how
 * times are written on the wire ({@code WireTime}).
 */
package com.placebrain.devices.platform.grpc;
