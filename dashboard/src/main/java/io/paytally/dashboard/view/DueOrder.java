package io.paytally.dashboard.view;

import java.time.Instant;

import io.paytally.schemas.MerchantKey;
import io.paytally.schemas.PaymentStatus;

/**
 * An open order and when it expires.
 *
 * @param order the merchant and out_trade_no
 * @param status PENDING or CHECKING
 * @param expireAt when it stops being payable
 */
public record DueOrder(MerchantKey order, PaymentStatus status, Instant expireAt) {

}
