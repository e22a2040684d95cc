/**
 * The sandbox-only control API under {@code /sandbox/}: keys, the payer, chaos, callbacks
 * and ground truth.
 */
package io.paytally.sandbox.control;
