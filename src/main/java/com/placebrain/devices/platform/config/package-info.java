/**
 * Reading settings: MicroProfile Config with the platform's variables ({@code PlatformVariables}),
 * the reader every area's settings type is checked with ({@code SettingsReader}), and the
 * connections area ({@code ServiceSettings}). Imports no capability.
 */
package com.placebrain.devices.platform.config;
