/**
 * The local snapshot of the compacted {@code orders.state} topic, brought up to date
 * incrementally with its offsets kept in the same transactions as its rows.
 */
package io.paytally.batch.snapshot;
