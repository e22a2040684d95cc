package io.paytally.sandbox.merchantapi;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import io.paytally.sandbox.crypto.Signatures;
import io.paytally.sandbox.keys.PlatformIdentity;
import io.paytally.sandbox.ledger.WechatError;
import io.paytally.sandbox.ledger.WireFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Replies as WeChat sends them: every 2xx (204 included) signed with the platform key
 * over {@code ts\nnonce\nbody\n}, header names exactly as WeChat spells them; errors as
 * JSON.
 */
public final class SignedReplies {

	private final PlatformIdentity platform;

	private final Clock signingClock;

	public SignedReplies(PlatformIdentity platform, Clock signingClock) {
		this.platform = platform;
		this.signingClock = signingClock;
	}

	public ResponseEntity<byte[]> ok(Object body) {
		return signed(200, WireFormat.json(body).getBytes(StandardCharsets.UTF_8));
	}

	public ResponseEntity<byte[]> noContent() {
		return signed(204, new byte[0]);
	}

	public static ResponseEntity<byte[]> error(WechatError error) {
		return error(error.status(), error.code(), error.getMessage());
	}

	public static ResponseEntity<byte[]> error(int status, String code, String message) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("Content-Type", "application/json");
		headers.set("Request-ID", requestId());
		byte[] body = WireFormat.json(Map.of("code", code, "message", (message != null) ? message : code))
			.getBytes(StandardCharsets.UTF_8);
		return ResponseEntity.status(status).headers(headers).body(body);
	}

	private ResponseEntity<byte[]> signed(int status, byte[] body) {
		String timestamp = Long.toString(this.signingClock.instant().getEpochSecond());
		String nonce = Signatures.nonce(32);
		HttpHeaders headers = new HttpHeaders();
		if (body.length > 0) {
			headers.set("Content-Type", "application/json");
		}
		headers.set("Request-ID", requestId());
		headers.set("Wechatpay-Nonce", nonce);
		headers.set("Wechatpay-Signature", this.platform.keys().sign(Signatures.replyMessage(timestamp, nonce, body)));
		headers.set("Wechatpay-Timestamp", timestamp);
		headers.set("Wechatpay-Serial", this.platform.replySerial(requestedSerial()));
		headers.set("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
		return ResponseEntity.status(status).headers(headers).body((body.length > 0) ? body : null);
	}

	private static String requestedSerial() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return attributes.getRequest().getHeader("Wechatpay-Serial");
		}
		return null;
	}

	private static String requestId() {
		return Signatures.hex(16) + "-0";
	}

}
