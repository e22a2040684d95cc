package io.paytally.stream.intake;

import java.time.Instant;

import io.paytally.stream.intake.order.Attempt;
import io.paytally.stream.intake.order.PaymentOrder;
import io.paytally.stream.intake.prepay.PayParameters;

/**
 * The payment order a request to pay went to, with what the payer needs to pay it.
 *
 * @param order the request
 * @param attempt the payment order (new or repeated)
 * @param payParameters what the payer's client needs
 * @param prepayExpiresAt until when the pay parameters can be used at the latest
 */
public record PaymentResult(PaymentOrder order, Attempt attempt, PayParameters payParameters, Instant prepayExpiresAt) {

}
