/**
 * Start-up wiring: the one list of settings areas, checked together ({@code Settings}), and what
 * must hold before the service takes requests and what runs in the background
 * ({@code StartupSequence}). The only package that knows every capability.
 */
package com.placebrain.devices.startup;
