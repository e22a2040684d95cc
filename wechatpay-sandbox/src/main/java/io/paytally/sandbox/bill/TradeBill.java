package io.paytally.sandbox.bill;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.paytally.sandbox.ledger.Ledger;
import io.paytally.sandbox.ledger.Order;
import io.paytally.sandbox.ledger.Refund;

/**
 * The trade bill of one merchant and day (Beijing time) in WeChat's format: a header row,
 * one row per payment (by success_time) and per refund (by the time it started), a
 * backtick before every value, yuan with 2 decimals, fee with 5, then the summary rows.
 * Rows are sorted by time, then number, so the same ledger always gives the same bytes.
 */
public final class TradeBill {

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private static final List<String> ALL = List.of("交易时间", "公众账号ID", "商户号", "特约商户号", "设备号", "微信订单号", "商户订单号", "用户标识",
			"交易类型", "交易状态", "付款银行", "货币种类", "应结订单金额", "代金券金额", "微信退款单号", "商户退款单号", "退款金额", "充值券退款金额", "退款类型", "退款状态",
			"商品名称", "商户数据包", "手续费", "费率", "订单金额", "申请退款金额", "费率备注");

	private static final List<String> SUCCESS = List.of("交易时间", "公众账号ID", "商户号", "特约商户号", "设备号", "微信订单号", "商户订单号",
			"用户标识", "交易类型", "交易状态", "付款银行", "货币种类", "应结订单金额", "代金券金额", "商品名称", "商户数据包", "手续费", "费率", "订单金额", "费率备注");

	private static final List<String> REFUND = List.of("交易时间", "公众账号ID", "商户号", "特约商户号", "设备号", "微信订单号", "商户订单号",
			"用户标识", "交易类型", "交易状态", "付款银行", "货币种类", "应结订单金额", "代金券金额", "退款申请时间", "退款成功时间", "微信退款单号", "商户退款单号", "退款金额",
			"充值券退款金额", "退款类型", "退款状态", "商品名称", "商户数据包", "手续费", "费率", "订单金额", "申请退款金额", "费率备注");

	private static final String SUMMARY_HEADER = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";

	private TradeBill() {
	}

	/** Whether the bill of that type has any row that day. */
	public static boolean hasRows(List<Order> orders, LocalDate date, String billType) {
		return !rows(orders, date, billType, BigDecimal.ZERO).isEmpty();
	}

	/**
	 * @param billType ALL, SUCCESS or REFUND
	 */
	public static String render(List<Order> orders, LocalDate date, String billType, BigDecimal feeRate) {
		List<Row> rows = rows(orders, date, billType, feeRate);
		List<String> columns = switch (billType) {
			case "SUCCESS" -> SUCCESS;
			case "REFUND" -> REFUND;
			default -> ALL;
		};
		StringBuilder out = new StringBuilder();
		out.append(String.join(",", columns)).append('\n');
		long settled = 0;
		long refunded = 0;
		long rechargeCouponRefunded = 0;
		long ordered = 0;
		long requested = 0;
		BigDecimal fees = BigDecimal.ZERO.setScale(5);
		for (Row row : rows) {
			List<String> values = new ArrayList<>();
			for (String column : columns) {
				values.add("`" + row.values.getOrDefault(column, ""));
			}
			out.append(String.join(",", values)).append('\n');
			settled += row.settled;
			refunded += row.refunded;
			rechargeCouponRefunded += row.rechargeCouponRefunded;
			ordered += row.ordered;
			requested += row.requested;
			fees = fees.add(row.fee);
		}
		out.append(SUMMARY_HEADER).append('\n');
		out.append(String.join(",", "`" + rows.size(), "`" + Money.yuan2(settled), "`" + Money.yuan2(refunded),
				"`" + Money.yuan2(rechargeCouponRefunded), "`" + fees.toPlainString(), "`" + Money.yuan2(ordered),
				"`" + Money.yuan2(requested)))
			.append('\n');
		return out.toString();
	}

	private static List<Row> rows(List<Order> orders, LocalDate date, String billType, BigDecimal feeRate) {
		List<Row> rows = new ArrayList<>();
		for (Order order : orders) {
			if (!order.isPaid()) {
				continue;
			}
			if (!"REFUND".equals(billType) && day(order.successTime()).equals(date)) {
				rows.add(payment(order, feeRate));
			}
			if (!"SUCCESS".equals(billType)) {
				for (Refund refund : order.refunds()) {
					// a closed refund gave the money back: it is not in the bill
					if (!Refund.CLOSED.equals(refund.status()) && day(refund.createdAt()).equals(date)) {
						rows.add(refund(order, refund, feeRate));
					}
				}
			}
		}
		rows.sort(Comparator.comparing((Row row) -> row.time).thenComparing((row) -> row.sortKey));
		return rows;
	}

	private static Row payment(Order order, BigDecimal feeRate) {
		Map<String, String> values = common(order, order.successTime());
		values.put("交易状态", "SUCCESS");
		values.put("应结订单金额", Money.yuan2(order.settlementTotal()));
		values.put("代金券金额", Money.yuan2(order.couponAmount()));
		values.put("微信退款单号", "0");
		values.put("商户退款单号", "0");
		values.put("退款金额", "0.00");
		values.put("充值券退款金额", "0.00");
		BigDecimal fee = Money.fee(order.settlementTotal(), feeRate);
		values.put("手续费", fee.toPlainString());
		values.put("费率", Money.rate(feeRate));
		values.put("订单金额", Money.yuan2(order.paidAmount()));
		values.put("申请退款金额", "0.00");
		return new Row(order.successTime(), order.transactionId() + "|0", values, order.settlementTotal(), 0, 0,
				order.paidAmount(), 0, fee);
	}

	private static Row refund(Order order, Refund refund, BigDecimal feeRate) {
		Map<String, String> values = common(order, refund.createdAt());
		values.put("交易状态", "REFUND");
		values.put("应结订单金额", "0.00");
		values.put("退款申请时间", time(refund.createdAt()));
		values.put("退款成功时间", (refund.successTime() != null) ? time(refund.successTime()) : "");
		values.put("微信退款单号", refund.refundId());
		values.put("商户退款单号", refund.outRefundNo());
		values.put("退款金额", Money.yuan2(refund.settlementRefund()));
		values.put("充值券退款金额", Money.yuan2(refund.rechargeCouponRefund()));
		values.put("退款类型", "ORIGINAL");
		values.put("退款状态", refund.status());
		BigDecimal fee = Money.fee(refund.settlementRefund(), feeRate).negate();
		values.put("手续费", fee.toPlainString());
		values.put("费率", Money.rate(feeRate));
		values.put("订单金额", "0.00");
		values.put("申请退款金额", Money.yuan2(refund.amount()));
		return new Row(refund.createdAt(), order.transactionId() + "|1|" + refund.outRefundNo(), values, 0,
				refund.settlementRefund(), refund.rechargeCouponRefund(), 0, refund.amount(), fee);
	}

	private static Map<String, String> common(Order order, OffsetDateTime time) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("交易时间", time(time));
		values.put("公众账号ID", order.appid());
		values.put("商户号", order.mchid());
		values.put("特约商户号", "0");
		values.put("设备号", "");
		values.put("微信订单号", order.transactionId());
		values.put("商户订单号", order.outTradeNo());
		values.put("用户标识", order.payerOpenid());
		values.put("交易类型", order.tradeType());
		values.put("付款银行", order.bankType());
		values.put("货币种类", order.currency());
		values.put("代金券金额", "0.00");
		values.put("商品名称", order.description());
		values.put("商户数据包", (order.attach() != null) ? order.attach() : "");
		values.put("费率备注", "");
		return values;
	}

	static String time(OffsetDateTime time) {
		return time.withOffsetSameInstant(Ledger.BEIJING).format(TIME);
	}

	static LocalDate day(OffsetDateTime time) {
		return time.withOffsetSameInstant(Ledger.BEIJING).toLocalDate();
	}

	private record Row(OffsetDateTime time, String sortKey, Map<String, String> values, long settled, long refunded,
			long rechargeCouponRefunded, long ordered, long requested, BigDecimal fee) {

	}

}
