package io.paytally.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.paytally.sandbox.ledger.WireFormat;
import tools.jackson.core.type.TypeReference;

/**
 * A plain Java client of the sandbox's control API ({@code /sandbox/...}). Usable against
 * a standalone sandbox too:
 * {@code new SandboxControl(URI.create("http://127.0.0.1:8090"))}.
 */
public final class SandboxControl {

	private final URI baseUrl;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	public SandboxControl(URI baseUrl) {
		this.baseUrl = baseUrl;
	}

	/** Adds a merchant with generated keys (returns the existing one if known). */
	public SandboxMerchant addMerchant(String mchid, String appid) {
		return call("POST", "/sandbox/merchants", Map.of("mchid", mchid, "appid", appid), SandboxMerchant.class);
	}

	public SandboxMerchant merchant(String mchid) {
		return call("GET", "/sandbox/merchants/" + encode(mchid), null, SandboxMerchant.class);
	}

	/**
	 * The merchant applied for a new API certificate (its new private key): requests
	 * signed under either serial are accepted until the old one is revoked.
	 */
	public void addMerchantCertificate(String mchid, String serialNumber, String publicKeyPem) {
		send("POST", "/sandbox/merchants/" + encode(mchid) + "/certificates",
				Map.of("serial_number", serialNumber, "public_key_pem", publicKeyPem));
	}

	/**
	 * Sends the merchant's callbacks as WeChat Pay's legacy v2 XML (payments signed with
	 * MD5 under its API v2 key, refunds with {@code req_info}; v2's retry schedule), or
	 * as v3 JSON again.
	 */
	public void v2Callbacks(String mchid, boolean v2) {
		send("POST", "/sandbox/merchants/" + encode(mchid) + "/callback-protocol",
				Map.of("protocol", v2 ? "V2" : "V3"));
	}

	/** The platform certificates listed at {@code /v3/certificates}, oldest first. */
	public List<PlatformCertificateInfo> platformCertificates() {
		return call("GET", "/sandbox/platform-certificates", null, new TypeReference<List<PlatformCertificateInfo>>() {
		});
	}

	/**
	 * WeChat Pay issues a new platform certificate (with a new key pair), as it does
	 * before the current one expires: {@code /v3/certificates} lists the old and the new
	 * one, and replies and callbacks in certificate mode are signed with the new one (its
	 * serial in {@code Wechatpay-Serial}) from now on.
	 */
	public PlatformCertificateInfo rotatePlatformCertificate() {
		return call("POST", "/sandbox/platform-certificates", Map.of(), PlatformCertificateInfo.class);
	}

	/**
	 * During the overlap, replies and callbacks in certificate mode are signed with this
	 * listed certificate from now on (WeChat Pay signs with the old and the new one while
	 * it moves over); 404 for a serial not listed.
	 */
	public void signWithPlatformCertificate(String serialNo) {
		send("POST", "/sandbox/platform-certificates/" + encode(serialNo) + "/sign", Map.of());
	}

	/**
	 * WeChat Pay withdraws a platform certificate (the old one, after a rotation): no
	 * longer listed nor used to sign. The last listed one cannot be withdrawn (400).
	 */
	public void withdrawPlatformCertificate(String serialNo) {
		send("DELETE", "/sandbox/platform-certificates/" + encode(serialNo), null);
	}

	/**
	 * The next {@code count} signed replies to the merchant's calls are signed with a key
	 * whose certificate WeChat Pay never listed, under that certificate's serial: replies
	 * a merchant must refuse.
	 */
	public void unlistedCertificateReplies(String mchid, int count) {
		send("POST", "/sandbox/platform-certificates/unlisted-replies", Map.of("mchid", mchid, "count", count));
	}

	/** The merchant revoked an API certificate: requests signed under it get 401. */
	public void revokeMerchantCertificate(String mchid, String serialNumber) {
		send("DELETE", "/sandbox/merchants/" + encode(mchid) + "/certificates/" + encode(serialNumber), null);
	}

	/**
	 * Places an order as if the merchant had called prepay (JSAPI), without signing: for
	 * seeding tests quickly. Prepay through the SDK when the request itself is under
	 * test.
	 */
	public OrderTruth createOrder(String mchid, String outTradeNo, long amount, String notifyUrl) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("mchid", mchid);
		body.put("out_trade_no", outTradeNo);
		body.put("amount", amount);
		body.put("notify_url", notifyUrl);
		return call("POST", "/sandbox/orders", body, OrderTruth.class);
	}

	/** The payer pays the order's total; WeChat sends TRANSACTION.SUCCESS. */
	public OrderTruth pay(String mchid, String outTradeNo) {
		return pay(mchid, outTradeNo, null, null, false);
	}

	/** The payer pays a different amount (AMOUNT_MISMATCH). */
	public OrderTruth pay(String mchid, String outTradeNo, long amount) {
		return pay(mchid, outTradeNo, amount, null, false);
	}

	/** Pays even a closed order: the paid-after-close race. */
	public OrderTruth payAfterClose(String mchid, String outTradeNo) {
		return pay(mchid, outTradeNo, null, null, true);
	}

	/**
	 * @param amount null = the order's total
	 * @param payerOpenid null = the prepay's payer or a sandbox payer
	 * @param force pay even a closed order
	 */
	public OrderTruth pay(String mchid, String outTradeNo, Long amount, String payerOpenid, boolean force) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("mchid", mchid);
		body.put("amount", amount);
		body.put("payer_openid", payerOpenid);
		body.put("force", force);
		return call("POST", "/sandbox/orders/" + encode(outTradeNo) + "/pay", body, OrderTruth.class);
	}

	/**
	 * The payer pays the order's total with a coupon of {@code coupon} fen paying part of
	 * it: {@code couponType} {@code NOCASH} (非充值代金券, WeChat's promotion: the bill's
	 * 应结订单金额 is the total less the coupon) or {@code CASH} (充值代金券, funded by the
	 * merchant: settled in full). The callback's {@code payer_total} is the total less
	 * the coupon and its {@code promotion_detail} names the coupon.
	 */
	public OrderTruth payWithCoupon(String mchid, String outTradeNo, long coupon, String couponType) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("mchid", mchid);
		body.put("coupon", coupon);
		body.put("coupon_type", couponType);
		return call("POST", "/sandbox/orders/" + encode(outTradeNo) + "/pay", body, OrderTruth.class);
	}

	/** The payer is paying: queries answer USERPAYING until paid. */
	public OrderTruth startPaying(String mchid, String outTradeNo) {
		return call("POST", "/sandbox/orders/" + encode(outTradeNo) + "/start-paying", Map.of("mchid", mchid),
				OrderTruth.class);
	}

	/**
	 * A refund as if the merchant asked for it; it succeeds and REFUND.SUCCESS is sent.
	 */
	public OrderTruth refund(String mchid, String outTradeNo, String outRefundNo, long amount) {
		return call("POST", "/sandbox/orders/" + encode(outTradeNo) + "/refund",
				Map.of("mchid", mchid, "out_refund_no", outRefundNo, "amount", amount), OrderTruth.class);
	}

	/**
	 * A refund as if the merchant asked for it, ending as {@code outcome}:
	 * {@code SUCCESS}, {@code ABNORMAL} (the payer's card or account cannot take the
	 * money back; REFUND.ABNORMAL is sent), {@code CLOSED} (REFUND.CLOSED) or
	 * {@code PROCESSING} (left processing, no callback, until {@link #finishRefund}).
	 */
	public OrderTruth refund(String mchid, String outTradeNo, String outRefundNo, long amount, String outcome) {
		return call("POST", "/sandbox/orders/" + encode(outTradeNo) + "/refund",
				Map.of("mchid", mchid, "out_refund_no", outRefundNo, "amount", amount, "outcome", outcome),
				OrderTruth.class);
	}

	/**
	 * A PROCESSING refund ends as {@code status} (SUCCESS, ABNORMAL, CLOSED), with its
	 * callback.
	 */
	public OrderTruth finishRefund(String mchid, String outRefundNo, String status) {
		return call("POST", "/sandbox/refunds/" + encode(outRefundNo) + "/finish",
				Map.of("mchid", mchid, "status", status), OrderTruth.class);
	}

	/**
	 * The next {@code count} callbacks of the merchant (or of one order: outTradeNo
	 * non-null).
	 */
	public void chaos(String mchid, String outTradeNo, ChaosAction action, int count) {
		chaos(mchid, outTradeNo, action, count, 0);
	}

	public void chaos(String mchid, String outTradeNo, ChaosAction action, int count, long delayMs) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("mchid", mchid);
		body.put("out_trade_no", outTradeNo);
		body.put("action", action.name());
		body.put("count", count);
		body.put("delay_ms", delayMs);
		call("POST", "/sandbox/chaos", body, Map.class);
	}

	/**
	 * Takes one merchant's endpoint down for {@code duration} (null: until
	 * {@link #clearOutages()}); a {@link ApiOutage#HANG} holds each request 60 s.
	 */
	public void outage(String mchid, ApiEndpoint endpoint, ApiOutage outage, Duration duration) {
		outage(mchid, endpoint, outage, duration, null);
	}

	/**
	 * As {@link #outage(String, ApiEndpoint, ApiOutage, Duration)}, hanging {@code hang}.
	 */
	public void outage(String mchid, ApiEndpoint endpoint, ApiOutage outage, Duration duration, Duration hang) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("mchid", mchid);
		body.put("endpoint", endpoint.name());
		body.put("outage", outage.name());
		if (duration != null) {
			body.put("duration_ms", duration.toMillis());
		}
		if (hang != null) {
			body.put("hang_ms", hang.toMillis());
		}
		call("POST", "/sandbox/outages", body, Map.class);
	}

	/** Ends every outage. */
	public void clearOutages() {
		call("DELETE", "/sandbox/outages", null, Map.class);
	}

	public void clearChaos() {
		call("DELETE", "/sandbox/chaos", null, Map.class);
	}

	/** Every callback attempt for an order (null = all), in the order recorded. */
	public List<CallbackAttempt> callbacks(String outTradeNo) {
		String query = (outTradeNo != null) ? "?out_trade_no=" + encode(outTradeNo) : "";
		return call("GET", "/sandbox/callbacks" + query, null, new TypeReference<List<CallbackAttempt>>() {
		});
	}

	/** The true state of every order of the merchant (all merchants when null). */
	public List<OrderTruth> groundTruth(String mchid) {
		String query = (mchid != null) ? "?mchid=" + encode(mchid) : "";
		return call("GET", "/sandbox/ground-truth" + query, null, new TypeReference<List<OrderTruth>>() {
		});
	}

	public OrderTruth groundTruth(String mchid, String outTradeNo) {
		return call("GET", "/sandbox/ground-truth/" + encode(outTradeNo) + "?mchid=" + encode(mchid), null,
				OrderTruth.class);
	}

	/**
	 * Waits until no callback is pending (first attempt or retry); true when settled in
	 * time.
	 */
	public boolean awaitCallbacksSettled(Duration timeout) {
		Map<?, ?> reply = call("POST", "/sandbox/callbacks/drain", Map.of("timeout_ms", timeout.toMillis()), Map.class);
		return Boolean.TRUE.equals(reply.get("settled"));
	}

	private <T> T call(String method, String path, Object body, Class<T> type) {
		return WireFormat.mapper().readValue(send(method, path, body), type);
	}

	private <T> T call(String method, String path, Object body, TypeReference<T> type) {
		return WireFormat.mapper().readValue(send(method, path, body), type);
	}

	private String send(String method, String path, Object body) {
		HttpRequest.BodyPublisher publisher = (body != null)
				? HttpRequest.BodyPublishers.ofString(WireFormat.json(body), StandardCharsets.UTF_8)
				: HttpRequest.BodyPublishers.noBody();
		HttpRequest request = HttpRequest.newBuilder(this.baseUrl.resolve(path))
			.header("Content-Type", "application/json")
			.method(method, publisher)
			.build();
		try {
			HttpResponse<String> response = this.http.send(request,
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			if (response.statusCode() / 100 != 2) {
				throw new SandboxControlException(response.statusCode(), response.body());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/**
	 * The control API refused: its status and WeChat-style JSON body.
	 */
	public static final class SandboxControlException extends RuntimeException {

		private final int status;

		private final String body;

		SandboxControlException(int status, String body) {
			super("sandbox control answered " + status + ": " + body);
			this.status = status;
			this.body = body;
		}

		public int status() {
			return this.status;
		}

		public String body() {
			return this.body;
		}

	}

}
