/**
 * Latest sensor values: taken in from {@code telemetry.readings} ({@code ReadingIngest}) and
 * served by GetLatestDeviceReadings, RPC 27 ({@code LatestReadings}).
 */
package com.placebrain.devices.readings;
