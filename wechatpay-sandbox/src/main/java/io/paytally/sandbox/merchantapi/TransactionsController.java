package io.paytally.sandbox.merchantapi;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

import io.paytally.sandbox.ApiEndpoint;
import io.paytally.sandbox.keys.MerchantKeys;
import io.paytally.sandbox.ledger.Ledger;
import io.paytally.sandbox.ledger.Order;
import io.paytally.sandbox.ledger.PrepayRequest;
import io.paytally.sandbox.ledger.WechatError;
import io.paytally.sandbox.ledger.WireFormat;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Prepay (JSAPI, Native, App, H5), query by out_trade_no or transaction id, and close.
 */
@RestController
class TransactionsController {

	private final RequestAuthenticator authenticator;

	private final SignedReplies replies;

	private final Ledger ledger;

	private final ApiOutages outages;

	TransactionsController(RequestAuthenticator authenticator, SignedReplies replies, Ledger ledger,
			ApiOutages outages) {
		this.authenticator = authenticator;
		this.replies = replies;
		this.ledger = ledger;
		this.outages = outages;
	}

	@PostMapping("/v3/pay/transactions/{kind:jsapi|native|app|h5}")
	void prepay(@PathVariable String kind, HttpServletRequest request, HttpServletResponse response) {
		byte[] body = Requests.body(request);
		MerchantKeys merchant = this.authenticator.authenticate(request, body);
		this.outages.check(merchant.mchid(), ApiEndpoint.PREPAY);
		Map<String, Object> json = Requests.json(body);
		String tradeType = switch (kind) {
			case "jsapi" -> "JSAPI";
			case "native" -> "NATIVE";
			case "app" -> "APP";
			default -> "MWEB";
		};
		sameMerchant(merchant, Requests.text(json, "mchid", true));
		String appid = Requests.text(json, "appid", true);
		String outTradeNo = Requests.text(json, "out_trade_no", true);
		if (!outTradeNo.matches("[0-9A-Za-z_\\-|*]{6,32}")) {
			throw new WechatError.ParamError("out_trade_no 须为6-32位数字、字母或_-|*");
		}
		String openid = Requests.text(json, "payer.openid", "JSAPI".equals(tradeType));
		String currency = Requests.text(json, "amount.currency", false);
		String expire = Requests.text(json, "time_expire", false);
		OffsetDateTime timeExpire;
		try {
			timeExpire = (expire != null) ? OffsetDateTime.parse(expire) : null;
		}
		catch (DateTimeParseException ex) {
			throw new WechatError.ParamError("time_expire 格式错误: " + expire);
		}
		PrepayRequest prepay = new PrepayRequest(merchant.mchid(), appid, outTradeNo, tradeType,
				Requests.text(json, "description", true), Requests.text(json, "attach", false),
				Requests.text(json, "notify_url", true), Requests.amount(json, "amount.total", true),
				(currency != null) ? currency : "CNY", openid, timeExpire);
		Order order = this.ledger.prepay(prepay);
		this.replies.ok(request, response, switch (tradeType) {
			case "NATIVE" -> Map.of("code_url", "weixin://wxpay/bizpayurl?pr=" + order.prepayId().substring(2, 12));
			case "MWEB" ->
				Map.of("h5_url", "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=" + order.prepayId());
			default -> Map.of("prepay_id", order.prepayId());
		});
	}

	@GetMapping("/v3/pay/transactions/out-trade-no/{outTradeNo}")
	void queryByOutTradeNo(@PathVariable String outTradeNo, @RequestParam String mchid, HttpServletRequest request,
			HttpServletResponse response) {
		MerchantKeys merchant = this.authenticator.authenticate(request, Requests.body(request));
		this.outages.check(merchant.mchid(), ApiEndpoint.QUERY_BY_OUT_TRADE_NO);
		sameMerchant(merchant, mchid);
		this.replies.ok(request, response, WireFormat.transaction(this.ledger.get(mchid, outTradeNo)));
	}

	@GetMapping("/v3/pay/transactions/id/{transactionId}")
	void queryByTransactionId(@PathVariable String transactionId, @RequestParam String mchid,
			HttpServletRequest request, HttpServletResponse response) {
		MerchantKeys merchant = this.authenticator.authenticate(request, Requests.body(request));
		sameMerchant(merchant, mchid);
		Order order = this.ledger.findByTransactionId(mchid, transactionId)
			.orElseThrow(() -> new WechatError.OrderNotExist(transactionId));
		this.replies.ok(request, response, WireFormat.transaction(order));
	}

	@PostMapping("/v3/pay/transactions/out-trade-no/{outTradeNo}/close")
	void close(@PathVariable String outTradeNo, HttpServletRequest request, HttpServletResponse response) {
		byte[] body = Requests.body(request);
		MerchantKeys merchant = this.authenticator.authenticate(request, body);
		this.outages.check(merchant.mchid(), ApiEndpoint.CLOSE);
		sameMerchant(merchant, Requests.text(Requests.json(body), "mchid", true));
		this.ledger.close(merchant.mchid(), outTradeNo);
		this.replies.noContent(request, response);
	}

	static void sameMerchant(MerchantKeys merchant, String mchid) {
		if (!merchant.mchid().equals(mchid)) {
			throw new WechatError.InvalidRequest("mchid与请求头Authorization中的商户号不一致");
		}
	}

}
