/**
 * Tracing plumbing every area shares (README "Tracing"): whether traces are on, the tracer of an
 * instrumentation, and how a trace travels in a Kafka record's headers
 * ({@link com.placebrain.devices.platform.tracing.Tracing}). Which spans an area makes is the
 * area's own.
 */
package com.placebrain.devices.platform.tracing;
