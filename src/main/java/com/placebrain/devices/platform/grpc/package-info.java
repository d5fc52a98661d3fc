/**
 * gRPC plumbing that is not the device API: the standard health and reflection services, and how
 * times are written on the wire ({@code WireTime}), and what every call reports: its duration
 * ({@code CallMetrics}) and, when tracing is on, its span ({@code CallTracing}).
 */
package com.placebrain.devices.platform.grpc;
