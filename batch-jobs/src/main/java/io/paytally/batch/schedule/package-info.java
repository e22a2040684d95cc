/**
 * Running the daily statement: a date from the command line, or each merchant's yesterday
 * on a schedule, retried while the bill is not ready.
 */
package io.paytally.batch.schedule;
