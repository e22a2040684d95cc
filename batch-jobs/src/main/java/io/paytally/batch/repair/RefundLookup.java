package io.paytally.batch.repair;

import java.time.Instant;
import java.util.Optional;

import io.paytally.schemas.RefundNotification;

/**
 * Asks WeChat about one refund of a merchant, for the repair of a refund the bill shows
 * and paytally never heard of.
 */
public interface RefundLookup {

	/**
	 * WeChat's answer about the refund, as a refund notification with source BILL
	 * ({@code receivedAt} now); empty when WeChat does not know it.
	 */
	Optional<RefundNotification> find(String mchid, String outRefundNo, Instant receivedAt);

}
