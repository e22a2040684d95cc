/**
 * Statements run on request: the requests on {@code recon.statement-runs} (written by the
 * dashboard) run a merchant's day, and their status goes back on the same topic.
 */
package io.paytally.batch.request;
