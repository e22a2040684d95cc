package io.paytally.sandbox.merchantapi;

import java.util.Map;

import io.paytally.sandbox.ApiEndpoint;
import io.paytally.sandbox.keys.MerchantKeys;
import io.paytally.sandbox.ledger.Ledger;
import io.paytally.sandbox.ledger.Order;
import io.paytally.sandbox.ledger.Refund;
import io.paytally.sandbox.ledger.WechatError;
import io.paytally.sandbox.ledger.WireFormat;
import io.paytally.sandbox.payer.Payer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Refund create and query. A refund is PROCESSING in the create reply and succeeds right
 * after (REFUND.SUCCESS callback).
 */
@RestController
class RefundsController {

	private final RequestAuthenticator authenticator;

	private final SignedReplies replies;

	private final Ledger ledger;

	private final Payer payer;

	private final ApiOutages outages;

	RefundsController(RequestAuthenticator authenticator, SignedReplies replies, Ledger ledger, Payer payer,
			ApiOutages outages) {
		this.authenticator = authenticator;
		this.replies = replies;
		this.ledger = ledger;
		this.payer = payer;
		this.outages = outages;
	}

	@PostMapping("/v3/refund/domestic/refunds")
	void create(HttpServletRequest request, HttpServletResponse response) {
		byte[] body = Requests.body(request);
		MerchantKeys merchant = this.authenticator.authenticate(request, body);
		Map<String, Object> json = Requests.json(body);
		String transactionId = Requests.text(json, "transaction_id", false);
		String outTradeNo = Requests.text(json, "out_trade_no", transactionId == null);
		Order order = (outTradeNo != null)
				? this.ledger.find(merchant.mchid(), outTradeNo)
					.orElseThrow(() -> new WechatError.ResourceNotExist("订单不存在 " + outTradeNo))
				: this.ledger.findByTransactionId(merchant.mchid(), transactionId)
					.orElseThrow(() -> new WechatError.ResourceNotExist("订单不存在 " + transactionId));
		long refund = Requests.amount(json, "amount.refund", true);
		long total = Requests.amount(json, "amount.total", true);
		if (order.isPaid() && total != order.paidAmount()) {
			throw new WechatError.ParamError("amount.total 与订单金额不一致");
		}
		Refund started = this.payer.refund(merchant.mchid(), order.outTradeNo(),
				Requests.text(json, "out_refund_no", true), refund, Requests.text(json, "reason", false),
				Requests.text(json, "notify_url", false));
		// the answer is written before the refund completes, so its callback follows it
		this.replies.ok(request, response, WireFormat.refund(started, order));
		this.payer.completeRefund(merchant.mchid(), started.outRefundNo());
	}

	@GetMapping("/v3/refund/domestic/refunds/{outRefundNo}")
	void query(@PathVariable String outRefundNo, HttpServletRequest request, HttpServletResponse response) {
		MerchantKeys merchant = this.authenticator.authenticate(request, Requests.body(request));
		this.outages.check(merchant.mchid(), ApiEndpoint.REFUND_QUERY);
		Refund refund = this.ledger.findRefund(merchant.mchid(), outRefundNo)
			.orElseThrow(() -> new WechatError.ResourceNotExist("退款单不存在 " + outRefundNo));
		this.replies.ok(request, response,
				WireFormat.refund(refund, this.ledger.get(merchant.mchid(), refund.outTradeNo())));
	}

}
