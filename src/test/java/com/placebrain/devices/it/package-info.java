/**
 * Integration tests of the whole service on a real Liberty server with real PostgreSQL, Redis,
 * Kafka and Mosquitto. This package: start-up and health ({@code FoundationIT}), the database
 * schema and its adoption from the Python service ({@code SchemaIT}), and behaviour while
 * PostgreSQL or Redis is down ({@code DependencyOutageIT}). The areas have packages of their own
 * ({@code registry}, {@code events}, {@code mqtt}); what they all use is in {@code support}.
 */
package com.placebrain.devices.it;
