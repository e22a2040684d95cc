/**
 * The statements of many merchants of one day in parallel: one snapshot sync, then one
 * partition per merchant running that merchant's {@code dailyStatement}.
 */
package io.paytally.batch.partition;
