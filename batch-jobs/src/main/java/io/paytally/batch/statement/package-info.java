/**
 * The daily statement: stored, published on {@code recon.statements}, and written as a
 * CSV of differences and a self-contained HTML report.
 */
package io.paytally.batch.statement;
