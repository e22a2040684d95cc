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
 */
public record DailyStatement(String mchid, LocalDate billDate, long billPaymentCount, long billSettledAmount,
		long billRefundCount, long billRefundAmount, long billFeesMilliFen, long localPaymentCount,
		long localPaidAmount, long matchedCount, long matchedAmount, long netSettlementMilliFen,
		List<ClassTotal> differences, long rejectedLines, long repairsSent, Instant generatedAt) {

	public DailyStatement {
		Objects.requireNonNull(mchid, "mchid");
		Objects.requireNonNull(billDate, "billDate");
		Objects.requireNonNull(generatedAt, "generatedAt");
		differences = (differences != null) ? List.copyOf(differences) : List.of();
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
