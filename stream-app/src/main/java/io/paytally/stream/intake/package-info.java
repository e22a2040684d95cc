/**
 * The payment intake API: one payment order per merchant order, prepaid at WeChat and
 * announced on {@code orders.events} through one door.
 */
package io.paytally.stream.intake;
