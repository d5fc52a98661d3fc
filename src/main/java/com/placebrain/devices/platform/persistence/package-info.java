/**
 * PostgreSQL: where the database is ({@code DatabaseAddress}, the one rule for our keys and
 * {@code DATABASE__URL}), the data source Liberty builds from it, schema migration by Liquibase,
 * ids and the clock entities use, and a LISTEN on a channel ({@code ChannelListener}).
 */
package com.placebrain.devices.platform.persistence;
