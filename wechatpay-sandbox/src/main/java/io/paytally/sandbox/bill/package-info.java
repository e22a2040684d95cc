/**
 * Trade and fund-flow bills generated from the ledger in WeChat's exact format, and their
 * download.
 */
package io.paytally.sandbox.bill;
