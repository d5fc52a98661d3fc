/**
 * Copies of answers read from a shared store (Redis, PostgreSQL), kept in one replica's memory while
 * a feed of changes says they still hold ({@code KeptCopies}): the one rule for when such a copy may
 * be used, and the one loop that keeps a feed up ({@code FeedLoop}: reconnects, backoff, log lines).
 * Which store, which feed and what is copied belong to the capability that keeps them.
 */
package com.placebrain.devices.platform.cache;
