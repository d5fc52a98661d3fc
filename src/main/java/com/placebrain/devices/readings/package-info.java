/**
 * Latest sensor values: taken in from {@code telemetry.readings} ({@code ReadingIngest}) and
 * served with sensors ({@code LatestReadings}).
 */
package com.placebrain.devices.readings;
