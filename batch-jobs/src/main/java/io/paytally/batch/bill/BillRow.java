package io.paytally.batch.bill;

import java.time.LocalDateTime;

/**
 * A payment row ({@code SUCCESS}) or refund row ({@code REFUND}) of an ALL trade bill.
 * Amounts in fen, the fee in milli-fen (1/1000 fen), the time in Beijing time.
 *
 * @param lineNo the line number in the bill file
 * @param tradeTime 交易时间 (for a refund row: when the refund was started)
 * @param appid 公众账号ID
 * @param mchid 商户号
 * @param subMchid 特约商户号 ({@code 0} for a direct merchant)
 * @param deviceInfo 设备号
 * @param transactionId 微信订单号
 * @param outTradeNo 商户订单号
 * @param tradeType 交易类型
 * @param tradeState 交易状态 ({@code SUCCESS}, {@code REFUND}, ...)
 * @param bankType 付款银行
 * @param currency 货币种类
 * @param settledAmount 应结订单金额, in fen
 * @param couponAmount 代金券金额, in fen
 * @param refundId 微信退款单号, {@code null} on a payment row
 * @param outRefundNo 商户退款单号, {@code null} on a payment row
 * @param refundAmount 退款金额, in fen
 * @param couponRefundAmount 充值券退款金额, in fen
 * @param refundType 退款类型
 * @param refundStatus 退款状态
 * @param body 商品名称
 * @param attach 商户数据包
 * @param feeMilliFen 手续费, in milli-fen (negative on refund rows)
 * @param rate 费率, as given ({@code 0.60%})
 * @param orderAmount 订单金额, in fen
 * @param refundRequestedAmount 申请退款金额, in fen
 * @param rateRemark 费率备注
 */
public record BillRow(long lineNo, LocalDateTime tradeTime, String appid, String mchid, String subMchid,
		String deviceInfo, String transactionId, String outTradeNo, String tradeType, String tradeState,
		String bankType, String currency, long settledAmount, long couponAmount, String refundId, String outRefundNo,
		long refundAmount, long couponRefundAmount, String refundType, String refundStatus, String body, String attach,
		long feeMilliFen, String rate, long orderAmount, long refundRequestedAmount,
		String rateRemark) implements ParsedBillLine {

	/** Trade state of a payment row. */
	public static final String SUCCESS = "SUCCESS";

	/** Trade state of a refund row. */
	public static final String REFUND = "REFUND";

	/** Whether this is a refund row. */
	public boolean isRefund() {
		return REFUND.equals(this.tradeState);
	}

}
