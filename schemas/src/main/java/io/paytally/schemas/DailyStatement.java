package io.paytally.schemas;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One merchant's reconciled day. Value of {@code recon.statements}, keyed by
 * {@link #key(String, LocalDate)}. Amounts are in fen; fees, which WeChat gives to five
 * decimals of a yuan, are in milli-fen (1/1000 fen).
 *
 * @param mchid the merchant id
 * @param billDate the bill date (Beijing time)
 * @param billPaymentCount payment rows in WeChat's bill
 * @param billSettledAmount WeChat's settled order amount, in fen
 * @param billRefundCount refund rows in WeChat's bill
 * @param billRefundAmount WeChat's refunded amount, in fen
 * @param billFeesMilliFen WeChat's fees, in milli-fen
 * @param localPaymentCount payments paytally shows for the day
 * @param localPaidAmount their amount, in fen
 * @param matchedCount payments on which both sides agree
 * @param matchedAmount their amount, in fen
 * @param netSettlementMilliFen settled minus refunds minus fees, in milli-fen
 * @param differences counts and amounts per class (every class, zeros included)
 * @param rejectedLines bill lines that could not be read
 * @param repairsSent payment notifications sent back to the stream with source BILL
 * @param generatedAt when the statement was made
 * @param billOrderAmount the bill's 订单金额 of its payments: what the merchant asked,
 * coupons included, in fen
 * @param billCouponAmount the bill's 代金券金额 of its payments: what coupons paid of them, in
 * fen (a non-recharge coupon's part is not in {@code billSettledAmount})
 * @param billRefundRequestedAmount the bill's 申请退款金额: what the merchant asked back, in
 * fen ({@code billRefundAmount} leaves out the non-recharge coupons' share)
 * @param billRechargeCouponRefundAmount the bill's 充值券退款金额: the recharge coupons' share
 * of the refunds, in fen
 */
public record DailyStatement(String mchid, LocalDate billDate, long billPaymentCount, long billSettledAmount,
		long billRefundCount, long billRefundAmount, long billFeesMilliFen, long localPaymentCount,
		long localPaidAmount, long matchedCount, long matchedAmount, long netSettlementMilliFen,
		List<ClassTotal> differences, long rejectedLines, long repairsSent, Instant generatedAt, Long billOrderAmount,
		Long billCouponAmount, Long billRefundRequestedAmount, Long billRechargeCouponRefundAmount) {

	/**
	 * A statement written before the coupon amounts existed reads as a day without
	 * coupons.
	 */
	public DailyStatement {
		Objects.requireNonNull(mchid, "mchid");
		Objects.requireNonNull(billDate, "billDate");
		Objects.requireNonNull(generatedAt, "generatedAt");
		differences = (differences != null) ? List.copyOf(differences) : List.of();
		billOrderAmount = (billOrderAmount != null) ? billOrderAmount : billSettledAmount;
		billCouponAmount = (billCouponAmount != null) ? billCouponAmount : 0L;
		billRefundRequestedAmount = (billRefundRequestedAmount != null) ? billRefundRequestedAmount : billRefundAmount;
		billRechargeCouponRefundAmount = (billRechargeCouponRefundAmount != null) ? billRechargeCouponRefundAmount : 0L;
	}

	/**
	 * A statement of a day without coupons: orders settle in full
	 * ({@code billOrderAmount = billSettledAmount}) and refunds are what was asked.
	 */
	public DailyStatement(String mchid, LocalDate billDate, long billPaymentCount, long billSettledAmount,
			long billRefundCount, long billRefundAmount, long billFeesMilliFen, long localPaymentCount,
			long localPaidAmount, long matchedCount, long matchedAmount, long netSettlementMilliFen,
			List<ClassTotal> differences, long rejectedLines, long repairsSent, Instant generatedAt) {
		this(mchid, billDate, billPaymentCount, billSettledAmount, billRefundCount, billRefundAmount, billFeesMilliFen,
				localPaymentCount, localPaidAmount, matchedCount, matchedAmount, netSettlementMilliFen, differences,
				rejectedLines, repairsSent, generatedAt, null, null, null, null);
	}

	/** The record key of a merchant's day: {@code mchid@yyyy-MM-dd}. */
	public static String key(String mchid, LocalDate billDate) {
		return mchid + "@" + billDate;
	}

	/**
	 * The orders of one difference class.
	 *
	 * @param differenceClass the class
	 * @param count how many orders
	 * @param amount their amount (WeChat's side where it has one), in fen
	 */
	public record ClassTotal(DifferenceClass differenceClass, long count, long amount) {

	}

}
