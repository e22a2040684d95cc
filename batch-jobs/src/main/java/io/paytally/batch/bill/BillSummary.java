package io.paytally.batch.bill;

/**
 * The summary row of an ALL trade bill: WeChat's own totals of its detail rows.
 *
 * @param lineNo the line number in the bill file
 * @param totalCount 总交易单数 (payment and refund rows)
 * @param settledAmount 应结订单总金额, in fen
 * @param refundAmount 退款总金额, in fen
 * @param couponRefundAmount 充值券退款总金额, in fen
 * @param feeMilliFen 手续费总金额, in milli-fen
 * @param orderAmount 订单总金额, in fen
 * @param refundRequestedAmount 申请退款总金额, in fen
 */
public record BillSummary(long lineNo, long totalCount, long settledAmount, long refundAmount, long couponRefundAmount,
		long feeMilliFen, long orderAmount, long refundRequestedAmount) implements ParsedBillLine {

}
