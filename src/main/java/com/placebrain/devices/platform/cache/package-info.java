/**
 * Copies of answers read from a shared store (Redis, PostgreSQL), kept in one replica's memory while
 * a feed of changes says they still hold ({@code KeptCopies}): the one rule for when such a copy may
 * be used, the one loop that keeps a feed up ({@code FeedLoop}: reconnects, backoff, log lines), and
 * the one gauge of how many copies a replica holds ({@code CopiesGauge}).
 * Which store, which feed and what is copied belong to the capability that keeps them.
 */
package com.placebrain.devices.platform.cache;
