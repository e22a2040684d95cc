/**
 * Requests to run a statement, written to {@code recon.statement-runs} for batch-jobs.
 */
package io.paytally.dashboard.request;
