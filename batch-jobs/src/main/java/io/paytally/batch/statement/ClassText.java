package io.paytally.batch.statement;

import io.paytally.schemas.DifferenceClass;

/**
 * What the report says of a difference class, in Simplified Chinese and English: its name
 * and the action it suggests, one sentence each, matching what the repair step does.
 */
record ClassText(String zh, String en, String actionZh, String actionEn) {

	static ClassText of(DifferenceClass differenceClass) {
		return switch (differenceClass) {
			case MATCHED -> new ClassText("已对平", "Matched", "无需处理。", "Nothing to do.");
			case MISSING_LOCALLY ->
				new ClassText("本地缺失", "Missing locally", "微信已收款而本地未记为已支付：本地待支付的订单已按账单补单，请确认已发货，本地没有的订单请人工核查。",
						"WeChat collected the money but paytally does not show the order paid: orders paytally knew as"
								+ " pending were repaired from the bill and should be checked as fulfilled, an order"
								+ " paytally does not know needs a person to review it.");
			case MISSING_AT_WECHAT -> new ClassText("微信缺失", "Missing at WeChat",
					"本地记为已支付而微信当日及前一日账单均无此笔：请向微信支付查询订单并人工核查，确认前不要发货或退款。",
					"paytally shows a payment that WeChat's bills of the day and the day before do not have: query the"
							+ " order at WeChat Pay and review it, and neither fulfil nor refund it until WeChat"
							+ " confirms the payment.");
			case AMOUNT_MISMATCH -> new ClassText("金额不符", "Amount mismatch", "微信账单金额与订单金额不同：请人工核查，多退少补。",
					"WeChat's bill has a different amount than the order: review it and refund or collect the"
							+ " difference.");
			case STATUS_MISMATCH -> new ClassText("状态不符", "Status mismatch", "订单已关闭但微信已收款：请补发货，或将款项退还付款人。",
					"WeChat collected the money for an order paytally closed: fulfil the order after all or refund"
							+ " the payer.");
			case REFUND_MISMATCH -> new ClassText("退款不符", "Refund mismatch",
					"微信与本地的退款记录不一致：请人工核查并更正有误的一方；若微信账单显示退款未成功（处理中、异常或已关闭）而本地记为退款成功，以微信为准：付款人尚未收到退款。",
					"WeChat's refund and paytally's differ: review them and correct the side that is wrong; where"
							+ " WeChat's bill shows the refund not successful (processing, abnormal or closed) while"
							+ " paytally shows it succeeded, WeChat is right: the payer has not received it.");
			case REFUND_PROCESSING -> new ClassText("退款处理中", "Refund processing",
					"出账单时微信仍在处理此笔退款：款项已从商户账户扣除，付款人尚未收到；将在之后的账单中完成，暂无需处理。",
					"WeChat was still processing the refund when the bill was cut: the money has left the merchant's"
							+ " account and the payer does not have it yet; it completes on a later day, nothing to do"
							+ " yet.");
			case REFUND_MISSING_LOCALLY -> new ClassText("退款本地缺失", "Refund missing locally",
					"微信账单有一笔成功退款而本地从未收到：已向微信查询该退款并按退款通知补录，请确认订单的退款状态。",
					"WeChat's bill has a successful refund paytally never heard of: the refund was queried at WeChat"
							+ " and sent down the refund notification road; check the order's refunds.");
			case REFUND_ABNORMAL -> new ClassText("退款异常", "Refund abnormal",
					"微信无法将退款退回付款人（银行卡或账户无法入账）：请在商户平台发起异常退款，退至付款人银行卡或商户账户后线下退还。",
					"WeChat could not return the refund to the payer (the card or account cannot take it): apply"
							+ " WeChat's abnormal refund on the merchant platform, to the payer's bank card or to the"
							+ " merchant's account, and return it offline.");
			case REFUND_CLOSED -> new ClassText("退款关闭", "Refund closed",
					"微信已关闭此笔退款，款项仍在商户账户中，付款人未收到：如仍需退款，请以新的商户退款单号重新发起或以其他方式退还，否则请告知付款人。",
					"WeChat closed the refund: the money stayed in the merchant's account and the payer did not get"
							+ " it; if the refund is still owed, refund again with a new refund number or another way,"
							+ " otherwise tell the payer.");
			case DUPLICATE_PAYMENT -> new ClassText("重复支付", "Duplicate payment", "同一商户订单被支付了两次：请将后一笔退还付款人。",
					"One merchant order was paid twice: refund the later payment to the payer.");
			case HELD_OVER -> new ClassText("跨日待核", "Held over", "午夜前不久的支付尚未出现在本日账单中：将与次日账单核对，暂无需处理。",
					"Paid shortly before midnight and not in this bill: it is checked against the next day's bill,"
							+ " nothing to do yet.");
		};
	}

}
