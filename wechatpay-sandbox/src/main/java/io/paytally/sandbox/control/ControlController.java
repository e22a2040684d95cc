package io.paytally.sandbox.control;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.paytally.sandbox.ApiEndpoint;
import io.paytally.sandbox.ApiOutage;
import io.paytally.sandbox.ChaosAction;
import io.paytally.sandbox.OrderTruth;
import io.paytally.sandbox.SandboxMerchant;
import io.paytally.sandbox.callback.CallbackDispatcher;
import io.paytally.sandbox.crypto.Pem;
import io.paytally.sandbox.keys.MerchantKeys;
import io.paytally.sandbox.keys.MerchantRegistry;
import io.paytally.sandbox.crypto.PlatformCertificate;
import io.paytally.sandbox.keys.PlatformIdentity;
import io.paytally.sandbox.keys.PlatformKeys;
import io.paytally.sandbox.ledger.Ledger;
import io.paytally.sandbox.ledger.Order;
import io.paytally.sandbox.ledger.PrepayRequest;
import io.paytally.sandbox.ledger.Refund;
import io.paytally.sandbox.ledger.WechatError;
import io.paytally.sandbox.ledger.WireFormat;
import io.paytally.sandbox.merchantapi.ApiOutages;
import io.paytally.sandbox.payer.Payer;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The control API (sandbox only, unsigned JSON): hands out keys, makes payers pay and
 * refunds happen, sets chaos, and tells the truth.
 */
@RestController
class ControlController {

	/**
	 * How long a hanging endpoint holds a request unless told: past any client's timeout.
	 */
	private static final Duration DEFAULT_HANG = Duration.ofSeconds(60);

	private final PlatformKeys platform;

	private final MerchantRegistry merchants;

	private final Ledger ledger;

	private final Payer payer;

	private final CallbackDispatcher callbacks;

	private final ApiOutages outages;

	private final PlatformIdentity identity;

	ControlController(PlatformKeys platform, MerchantRegistry merchants, Ledger ledger, Payer payer,
			CallbackDispatcher callbacks, ApiOutages outages, PlatformIdentity identity) {
		this.platform = platform;
		this.identity = identity;
		this.merchants = merchants;
		this.ledger = ledger;
		this.payer = payer;
		this.callbacks = callbacks;
		this.outages = outages;
	}

	@GetMapping("/sandbox/platform-key")
	ResponseEntity<byte[]> platformKey() {
		return json(
				Map.of("public_key_pem", this.platform.publicKeyPem(), "public_key_id", this.platform.publicKeyId()));
	}

	/** The platform certificates listed at {@code /v3/certificates}, oldest first. */
	@GetMapping("/sandbox/platform-certificates")
	ResponseEntity<byte[]> platformCertificates() {
		return json(this.identity.certificates().stream().map(ControlController::certificateView).toList());
	}

	/**
	 * WeChat issues a new platform certificate (a new key pair): both are listed, and the
	 * new one signs replies and callbacks in certificate mode from now on.
	 */
	@PostMapping("/sandbox/platform-certificates")
	ResponseEntity<byte[]> rotatePlatformCertificate() {
		return json(certificateView(this.identity.rotate()));
	}

	/** During the overlap, WeChat signs with this listed certificate from now on. */
	@PostMapping("/sandbox/platform-certificates/{serial}/sign")
	ResponseEntity<byte[]> signWithPlatformCertificate(@PathVariable String serial) {
		try {
			this.identity.signWith(serial);
		}
		catch (IllegalArgumentException ex) {
			throw new WechatError.ResourceNotExist("platform certificate " + serial);
		}
		return json(Map.of("serial_no", serial));
	}

	/** WeChat withdraws a platform certificate: no longer listed nor signing. */
	@DeleteMapping("/sandbox/platform-certificates/{serial}")
	ResponseEntity<byte[]> withdrawPlatformCertificate(@PathVariable String serial) {
		try {
			this.identity.withdraw(serial);
		}
		catch (IllegalArgumentException ex) {
			throw new WechatError.ResourceNotExist("platform certificate " + serial);
		}
		catch (IllegalStateException ex) {
			throw new WechatError.InvalidRequest(ex.getMessage());
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * The next {@code count} signed replies to the merchant are signed under the serial
	 * of a certificate WeChat never listed (a reply the merchant must refuse).
	 */
	@PostMapping("/sandbox/platform-certificates/unlisted-replies")
	ResponseEntity<byte[]> unlistedReplies(@RequestBody(required = false) byte[] raw) {
		Map<String, Object> body = parse(raw);
		String mchid = required(body, "mchid");
		this.merchants.find(mchid).orElseThrow(() -> new WechatError.ResourceNotExist("merchant " + mchid));
		int count = (body.get("count") instanceof Number number) ? number.intValue() : 1;
		this.identity.signRepliesUnlisted(mchid, count);
		return json(Map.of("mchid", mchid, "count", count));
	}

	private static Map<String, Object> certificateView(PlatformCertificate certificate) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("serial_no", certificate.serialHex());
		view.put("effective_time", WireFormat.time(certificate.notBefore()));
		view.put("expire_time", WireFormat.time(certificate.notAfter()));
		return view;
	}

	@GetMapping("/sandbox/merchants/{mchid}")
	ResponseEntity<byte[]> merchant(@PathVariable String mchid) {
		MerchantKeys merchant = this.merchants.find(mchid)
			.orElseThrow(() -> new WechatError.ResourceNotExist("merchant " + mchid));
		return json(view(merchant));
	}

	@PostMapping("/sandbox/merchants")
	ResponseEntity<byte[]> addMerchant(@RequestBody(required = false) byte[] raw) {
		Map<String, Object> body = parse(raw);
		String mchid = required(body, "mchid");
		MerchantKeys merchant = this.merchants.add(MerchantKeys.generate(mchid, required(body, "appid")));
		return json(view(merchant));
	}

	/**
	 * The merchant applied for a new API certificate (a rotation of its private key):
	 * requests signed under it are accepted next to the old one's.
	 */
	@PostMapping("/sandbox/merchants/{mchid}/certificates")
	ResponseEntity<byte[]> addCertificate(@PathVariable String mchid, @RequestBody(required = false) byte[] raw) {
		Map<String, Object> body = parse(raw);
		this.merchants.find(mchid).orElseThrow(() -> new WechatError.ResourceNotExist("merchant " + mchid));
		String serial = required(body, "serial_number");
		this.merchants.addCertificate(mchid, serial, Pem.parsePublicKey(required(body, "public_key_pem")));
		return json(Map.of("mchid", mchid, "serial_number", serial));
	}

	/** The merchant revoked an API certificate: requests signed under it get 401. */
	@DeleteMapping("/sandbox/merchants/{mchid}/certificates/{serial}")
	ResponseEntity<byte[]> revokeCertificate(@PathVariable String mchid, @PathVariable String serial) {
		this.merchants.find(mchid).orElseThrow(() -> new WechatError.ResourceNotExist("merchant " + mchid));
		this.merchants.revokeCertificate(mchid, serial);
		return ResponseEntity.noContent().build();
	}

	/**
	 * Which protocol a merchant's callbacks use: {@code V3} (JSON, the default) or
	 * {@code V2} (legacy XML, with v2's retry schedule).
	 */
	@PostMapping("/sandbox/merchants/{mchid}/callback-protocol")
	ResponseEntity<byte[]> callbackProtocol(@PathVariable String mchid, @RequestBody(required = false) byte[] raw) {
		Map<String, Object> body = parse(raw);
		this.merchants.find(mchid).orElseThrow(() -> new WechatError.ResourceNotExist("merchant " + mchid));
		String protocol = required(body, "protocol");
		if (!protocol.equals("V2") && !protocol.equals("V3")) {
			throw new WechatError.ParamError("protocol must be V2 or V3");
		}
		this.callbacks.v2Callbacks(mchid, protocol.equals("V2"));
		return json(Map.of("mchid", mchid, "protocol", protocol));
	}

	@GetMapping("/sandbox/health")
	ResponseEntity<byte[]> health() {
		return json(Map.of("status", "UP"));
	}

	/** Places an order as if the merchant had called prepay (no signature needed). */
	@PostMapping("/sandbox/orders")
	ResponseEntity<byte[]> createOrder(@RequestBody(required = false) byte[] raw) {
		Map<String, Object> body = parse(raw);
		String mchid = required(body, "mchid");
		MerchantKeys merchant = this.merchants.find(mchid)
			.orElseThrow(() -> new WechatError.ResourceNotExist("merchant " + mchid));
		Object amount = body.get("amount");
		if (!(amount instanceof Number total) || total.longValue() < 1) {
			throw new WechatError.ParamError("amount (fen) is required");
		}
		Order order = this.ledger.prepay(new PrepayRequest(mchid, merchant.appid(), required(body, "out_trade_no"),
				(body.get("trade_type") != null) ? body.get("trade_type").toString() : "JSAPI",
				(body.get("description") != null) ? body.get("description").toString() : "sandbox order",
				(String) body.get("attach"), (String) body.get("notify_url"), total.longValue(), "CNY",
				(String) body.get("payer_openid"), null));
		return json(truth(order));
	}

	@PostMapping("/sandbox/orders/{outTradeNo}/pay")
	ResponseEntity<byte[]> pay(@PathVariable String outTradeNo, @RequestBody(required = false) byte[] raw) {
		Map<String, Object> body = parse(raw);
		Object amount = body.get("amount");
		Object coupon = body.get("coupon");
		Order paid = this.payer.pay(required(body, "mchid"), outTradeNo,
				(amount instanceof Number n) ? n.longValue() : null, (String) body.get("payer_openid"),
				Boolean.TRUE.equals(body.get("force")), (coupon instanceof Number c) ? c.longValue() : 0,
				(body.get("coupon_type") != null) ? body.get("coupon_type").toString() : Order.NOCASH);
		return json(truth(paid));
	}

	@PostMapping("/sandbox/orders/{outTradeNo}/start-paying")
	ResponseEntity<byte[]> startPaying(@PathVariable String outTradeNo, @RequestBody(required = false) byte[] raw) {
		Map<String, Object> body = parse(raw);
		return json(truth(this.payer.startPaying(required(body, "mchid"), outTradeNo)));
	}

	@PostMapping("/sandbox/orders/{outTradeNo}/refund")
	ResponseEntity<byte[]> refund(@PathVariable String outTradeNo, @RequestBody(required = false) byte[] raw) {
		Map<String, Object> body = parse(raw);
		String mchid = required(body, "mchid");
		Object amount = body.get("amount");
		Order order = this.ledger.get(mchid, outTradeNo);
		long refund = (amount instanceof Number n) ? n.longValue() : order.paidAmount() - order.refunded();
		String outRefundNo = required(body, "out_refund_no");
		String outcome = (body.get("outcome") != null) ? body.get("outcome").toString() : Refund.SUCCESS;
		if (!List.of(Refund.SUCCESS, Refund.ABNORMAL, Refund.CLOSED, Refund.PROCESSING).contains(outcome)) {
			throw new WechatError.ParamError("outcome is SUCCESS, ABNORMAL, CLOSED or PROCESSING");
		}
		this.payer.refund(mchid, outTradeNo, outRefundNo, refund, (String) body.get("reason"),
				(String) body.get("notify_url"));
		if (!Refund.PROCESSING.equals(outcome)) {
			this.payer.finishRefund(mchid, outRefundNo, outcome);
		}
		return json(truth(this.ledger.get(mchid, outTradeNo)));
	}

	/**
	 * A PROCESSING refund ends (SUCCESS, ABNORMAL or CLOSED) and its callback is sent.
	 */
	@PostMapping("/sandbox/refunds/{outRefundNo}/finish")
	ResponseEntity<byte[]> finishRefund(@PathVariable String outRefundNo, @RequestBody(required = false) byte[] raw) {
		Map<String, Object> body = parse(raw);
		String mchid = required(body, "mchid");
		Refund done = this.payer.finishRefund(mchid, outRefundNo,
				(body.get("status") != null) ? body.get("status").toString() : Refund.SUCCESS);
		return json(truth(this.ledger.get(mchid, done.outTradeNo())));
	}

	@PostMapping("/sandbox/chaos")
	ResponseEntity<byte[]> chaos(@RequestBody(required = false) byte[] raw) {
		Map<String, Object> body = parse(raw);
		ChaosAction action = ChaosAction.valueOf(required(body, "action"));
		long delayMs = (body.get("delay_ms") instanceof Number n) ? n.longValue() : 0;
		int count = (body.get("count") instanceof Number n) ? n.intValue() : 1;
		this.callbacks.addChaos(required(body, "mchid"), (String) body.get("out_trade_no"), action, delayMs, count);
		return json(body);
	}

	@PostMapping("/sandbox/outages")
	ResponseEntity<byte[]> outage(@RequestBody(required = false) byte[] raw) {
		Map<String, Object> body = parse(raw);
		Duration duration = (body.get("duration_ms") instanceof Number n) ? Duration.ofMillis(n.longValue()) : null;
		Duration hang = Duration
			.ofMillis((body.get("hang_ms") instanceof Number n) ? n.longValue() : DEFAULT_HANG.toMillis());
		this.outages.add(required(body, "mchid"), ApiEndpoint.valueOf(required(body, "endpoint")),
				ApiOutage.valueOf(required(body, "outage")), duration, hang);
		return json(body);
	}

	@DeleteMapping("/sandbox/outages")
	ResponseEntity<byte[]> clearOutages() {
		this.outages.clear();
		return json(Map.of());
	}

	@DeleteMapping("/sandbox/chaos")
	ResponseEntity<byte[]> clearChaos() {
		this.callbacks.clearChaos();
		return json(Map.of());
	}

	@GetMapping("/sandbox/callbacks")
	ResponseEntity<byte[]> callbacks(@RequestParam(name = "out_trade_no", required = false) String outTradeNo) {
		return json(this.callbacks.attempts(outTradeNo));
	}

	@PostMapping("/sandbox/callbacks/drain")
	ResponseEntity<byte[]> drain(@RequestBody(required = false) byte[] raw) {
		Map<String, Object> body = parse(raw);
		long timeoutMs = (body.get("timeout_ms") instanceof Number n) ? n.longValue() : 30_000;
		boolean settled = this.callbacks.awaitSettled(Duration.ofMillis(timeoutMs));
		Map<String, Object> reply = new LinkedHashMap<>();
		reply.put("settled", settled);
		reply.put("pending", this.callbacks.pending());
		return json(reply);
	}

	@GetMapping("/sandbox/ground-truth")
	ResponseEntity<byte[]> groundTruth(@RequestParam(required = false) String mchid) {
		List<OrderTruth> truth = this.ledger.orders(mchid).stream().map(this::truth).toList();
		return json(truth);
	}

	@GetMapping("/sandbox/ground-truth/{outTradeNo}")
	ResponseEntity<byte[]> orderTruth(@PathVariable String outTradeNo, @RequestParam String mchid) {
		return json(truth(this.ledger.get(mchid, outTradeNo)));
	}

	private OrderTruth truth(Order order) {
		return OrderTruth.of(order, this.ledger.closeRequests(order.mchid(), order.outTradeNo()));
	}

	static SandboxMerchant view(MerchantKeys merchant) {
		return new SandboxMerchant(merchant.mchid(), merchant.appid(), merchant.serialNumber(),
				merchant.privateKeyPem(), merchant.apiV3Key(), merchant.apiV2Key());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> parse(byte[] raw) {
		if (raw == null || raw.length == 0) {
			return Map.of();
		}
		try {
			return WireFormat.mapper().readValue(raw, Map.class);
		}
		catch (tools.jackson.core.JacksonException ex) {
			throw new WechatError.ParamError("body is not JSON: " + ex.getOriginalMessage());
		}
	}

	private static String required(Map<String, Object> body, String field) {
		Object value = body.get(field);
		if (value == null || value.toString().isBlank()) {
			throw new WechatError.ParamError(field + " is required");
		}
		return value.toString();
	}

	private static ResponseEntity<byte[]> json(Object body) {
		return ResponseEntity.ok()
			.header("Content-Type", "application/json")
			.body(WireFormat.json(body).getBytes(StandardCharsets.UTF_8));
	}

}
