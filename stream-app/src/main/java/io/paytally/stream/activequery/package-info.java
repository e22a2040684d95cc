/**
 * The active-query worker: asks WeChat about expired or cancelled unpaid orders, closes
 * them there, and reports the answer as a payment notification.
 */
package io.paytally.stream.activequery;
