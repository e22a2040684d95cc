/**
 * The expiry index: orders by the time they must be looked at, scanned by a wall-clock
 * punctuator that only reads what is due.
 */
package io.paytally.stream.expiry;
