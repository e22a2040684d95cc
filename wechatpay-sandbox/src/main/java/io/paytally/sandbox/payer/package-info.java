/**
 * The payer and WeChat's back office: payments, refunds and the callbacks they trigger.
 */
package io.paytally.sandbox.payer;
