package io.paytally.stream.intake.order;

import java.time.Instant;

/**
 * The payment order a request to pay goes to: a new one, or the current one again.
 *
 * @param attempt the attempt number (1 first)
 * @param outTradeNo its out_trade_no
 * @param createdAt when it was (or is now) created
 * @param expireAt its time_expire at WeChat
 * @param isNew whether it is created by this request
 */
public record Attempt(int attempt, String outTradeNo, Instant createdAt, Instant expireAt, boolean isNew) {

}
