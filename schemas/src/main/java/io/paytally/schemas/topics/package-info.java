/**
 * The topic catalog: every topic's name, key, value, partitions, cleanup and retention.
 */
package io.paytally.schemas.topics;
