/**
 * The payment intake API: one payment order per merchant order, prepaid at WeChat and
 * announced on {@code orders.events} through one door.
 * <p>
 * {@code POST /payments} derives the out_trade_no from (mchid, merchant order number,
 * attempt) ({@link io.paytally.stream.intake.OutTradeNos}), reads the attempts' states
 * from the stream's store, and either refuses (paid, other data, being closed) or prepays
 * at WeChat with the same parameters as before and publishes the same OrderCreated,
 * acknowledged, before answering; attempt n + 1 only after attempt n is CLOSED.
 * {@code GET /payments/{merchantOrderNo}?mchid=} lists the attempts and their states.
 * Settings: {@code paytally.intake.*}
 * ({@link io.paytally.stream.intake.IntakeProperties}).
 */
package io.paytally.stream.intake;
