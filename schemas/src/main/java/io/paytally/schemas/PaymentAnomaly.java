package io.paytally.schemas;

import java.time.Instant;
import java.util.Objects;

/**
 * A payment that needs attention. Value of {@code orders.anomalies}, keyed by its record
 * key (merchant and out_trade_no).
 *
 * @param anomalyId a stable id: the same anomaly reported twice has the same id
 * @param type what is wrong
 * @param mchid the merchant id
 * @param outTradeNo the payment order concerned
 * @param merchantOrderNo the merchant order, if known
 * @param relatedOutTradeNo the other payment order involved (a duplicate payment), if any
 * @param expectedAmount the amount paytally expected in fen, if relevant
 * @param actualAmount the amount WeChat reports in fen, if relevant
 * @param action what to do about it
 * @param detail one sentence for a person
 * @param detectedBy which part of paytally found it ({@code stream-app},
 * {@code active-query}, {@code daily-statement})
 * @param detectedAt when it was found
 */
public record PaymentAnomaly(String anomalyId, AnomalyType type, String mchid, String outTradeNo,
		String merchantOrderNo, String relatedOutTradeNo, Long expectedAmount, Long actualAmount,
		SuggestedAction action, String detail, String detectedBy, Instant detectedAt) {

	public PaymentAnomaly {
		Objects.requireNonNull(anomalyId, "anomalyId");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(mchid, "mchid");
		Objects.requireNonNull(outTradeNo, "outTradeNo");
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(detectedAt, "detectedAt");
	}

	/**
	 * The stable id of an anomaly of a type about one merchant's order,
	 * {@code TYPE:mchid@out_trade_no}; a reporter that can find the same type more than
	 * once for an order appends what tells them apart.
	 */
	public static String idOf(AnomalyType type, String mchid, String outTradeNo) {
		return type + ":" + MerchantKey.encode(mchid, outTradeNo);
	}

	/** The record key: the merchant and its out_trade_no ({@link MerchantKey}). */
	public String key() {
		return MerchantKey.encode(this.mchid, this.outTradeNo);
	}

}
