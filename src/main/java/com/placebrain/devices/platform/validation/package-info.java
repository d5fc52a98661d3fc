/**
 * Rules for request fields that hold for every RPC: ids, names, numbers ({@code Fields}) and text
 * with no NUL ({@code RequestText}).
 */
package com.placebrain.devices.platform.validation;
