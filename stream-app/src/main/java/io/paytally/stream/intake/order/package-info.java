/**
 * Merchant orders: the attempts (payment orders) of one merchant order, their
 * out_trade_no, and the rules that decide whether a request repeats, opens or is refused
 * an attempt.
 */
package io.paytally.stream.intake.order;
