/**
 * The payment intake API: one payment order per merchant order, prepaid at WeChat and
 * announced on {@code orders.events} through one door.
 * <p>
 * {@code POST /payments} derives the out_trade_no from (mchid, merchant order number,
 * attempt) ({@link io.paytally.stream.intake.order.OutTradeNos}), reads the attempts'
 * states from the stream's store, and either refuses (paid, other data, being closed) or
 * prepays at WeChat with the data the store holds for it. A new payment order is
 * announced first (OrderCreated, acknowledged) and prepaid only once the store shows it,
 * with the data of the creation the state machine kept (the first): a retry after a
 * broker outage or a crash at any step reads the same data back, so WeChat sees one
 * payment order with one set of parameters
 * ({@link io.paytally.stream.intake.PaymentIntake}). Attempt n + 1 only after attempt n
 * is CLOSED. {@code GET /payments/{merchantOrderNo}?mchid=} lists the attempts and their
 * states. Settings: {@code paytally.intake.*}
 * ({@link io.paytally.stream.intake.IntakeProperties}). The web API is in {@code web},
 * merchant orders and their attempts in {@code order}, the prepay at WeChat in
 * {@code prepay}.
 */
package io.paytally.stream.intake;
