package io.paytally.batch.bill;

import java.util.List;

/**
 * The three kinds of trade bill WeChat Pay hands out ({@code bill_type}), each with the
 * columns of its detail header as the bill prints them.
 */
public enum BillType {

	/** Payments and refunds of the day: what the daily statement reconciles. */
	ALL(List.of("交易时间", "公众账号ID", "商户号", "特约商户号", "设备号", "微信订单号", "商户订单号", "用户标识", "交易类型", "交易状态", "付款银行", "货币种类",
			"应结订单金额", "代金券金额", "微信退款单号", "商户退款单号", "退款金额", "充值券退款金额", "退款类型", "退款状态", "商品名称", "商户数据包", "手续费", "费率",
			"订单金额", "申请退款金额", "费率备注")),

	/** Payments of the day only: no refund columns. */
	SUCCESS(List.of("交易时间", "公众账号ID", "商户号", "特约商户号", "设备号", "微信订单号", "商户订单号", "用户标识", "交易类型", "交易状态", "付款银行", "货币种类",
			"应结订单金额", "代金券金额", "商品名称", "商户数据包", "手续费", "费率", "订单金额", "费率备注")),

	/** Refunds of the day only: the refund's application and success times added. */
	REFUND(List.of("交易时间", "公众账号ID", "商户号", "特约商户号", "设备号", "微信订单号", "商户订单号", "用户标识", "交易类型", "交易状态", "付款银行", "货币种类",
			"应结订单金额", "代金券金额", "退款申请时间", "退款成功时间", "微信退款单号", "商户退款单号", "退款金额", "充值券退款金额", "退款类型", "退款状态", "商品名称",
			"商户数据包", "手续费", "费率", "订单金额", "申请退款金额", "费率备注"));

	/** The columns of the summary row, in the order WeChat prints them. */
	public static final List<String> SUMMARY_COLUMNS = List.of("总交易单数", "应结订单总金额", "退款总金额", "充值券退款总金额", "手续费总金额",
			"订单总金额", "申请退款总金额");

	private final List<String> columns;

	BillType(List<String> columns) {
		this.columns = columns;
	}

	/** The columns of a detail row, in order. */
	public List<String> columns() {
		return this.columns;
	}

	/** The position of a column, or -1 if this kind of bill does not have it. */
	int indexOf(String column) {
		return this.columns.indexOf(column);
	}

	/** "an ALL trade bill", "a SUCCESS trade bill", ... */
	String named() {
		return ((this == ALL) ? "an " : "a ") + this + " trade bill";
	}

	/** The kind of bill whose header has exactly these columns, or {@code null}. */
	static BillType ofHeader(List<String> names) {
		for (BillType type : values()) {
			if (type.columns.equals(names)) {
				return type;
			}
		}
		return null;
	}

	/**
	 * Says how a header differs from this kind of bill's header.
	 * @return the first difference, named; {@code null} if there is none
	 */
	String differenceFrom(List<String> names) {
		BillType other = ofHeader(names);
		if (other != null && other != this) {
			return "it is the header of " + other.named() + ", not of " + named();
		}
		for (int i = 0; i < Math.min(names.size(), this.columns.size()); i++) {
			if (!names.get(i).equals(this.columns.get(i))) {
				return "column " + (i + 1) + " is " + names.get(i) + ", expected " + this.columns.get(i);
			}
		}
		if (names.size() != this.columns.size()) {
			return "it has " + names.size() + " columns, expected " + this.columns.size() + " (" + named() + ")";
		}
		return null;
	}

}
