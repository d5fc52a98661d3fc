/**
 * Metrics plumbing every area shares: a metric of one name per combination of tag values,
 * registered once and then found without asking the registry
 * ({@link com.placebrain.devices.platform.metrics.TaggedMetrics}). What each area counts is the
 * area's own (README "Metrics").
 */
package com.placebrain.devices.platform.metrics;
