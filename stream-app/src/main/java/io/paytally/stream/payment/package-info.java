/**
 * The payment state machine of one order: a plain domain type with guarded verbs.
 */
package io.paytally.stream.payment;
