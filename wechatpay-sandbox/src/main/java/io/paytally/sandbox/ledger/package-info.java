/**
 * The sandbox's ledger: orders, payments, closes and refunds as WeChat Pay records them.
 */
package io.paytally.sandbox.ledger;
