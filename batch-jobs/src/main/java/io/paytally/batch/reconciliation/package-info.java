/**
 * Reconciliation in set-based SQL: the bill against the local snapshot, one row per
 * difference with both sides' values.
 */
package io.paytally.batch.reconciliation;
