/**
 * The payment state machine, expiry, active query and payment intake.
 */
package io.paytally.stream;
