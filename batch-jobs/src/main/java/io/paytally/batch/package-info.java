/**
 * The daily statement: WeChat's trade bill reconciled against the local order state.
 */
package io.paytally.batch;
