package io.paytally.sandbox.merchantapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import io.paytally.sandbox.crypto.Signatures;
import io.paytally.sandbox.keys.PlatformIdentity;
import io.paytally.sandbox.ledger.WechatError;
import io.paytally.sandbox.ledger.WireFormat;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

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

	/** A signed 200 with {@code body} as JSON. */
	public void ok(HttpServletRequest request, HttpServletResponse response, Object body) {
		signed(request, response, 200, WireFormat.json(body).getBytes(StandardCharsets.UTF_8));
	}

	/** A signed 204: WeChat signs empty answers too. */
	public void noContent(HttpServletRequest request, HttpServletResponse response) {
		signed(request, response, 204, new byte[0]);
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

	/**
	 * Writes the answer straight to the servlet response: the merchant API's answers skip
	 * Spring MVC's return-value handling and message converters, which cost a third of a
	 * signed query's CPU.
	 */
	private void signed(HttpServletRequest request, HttpServletResponse response, int status, byte[] body) {
		String timestamp = Long.toString(this.signingClock.instant().getEpochSecond());
		String nonce = Signatures.nonce(32);
		response.setStatus(status);
		if (body.length > 0) {
			response.setContentType("application/json");
		}
		response.setContentLength(body.length);
		response.setHeader("Request-ID", requestId());
		PlatformIdentity.Signer signer = this.platform.replySigner(
				(String) request.getAttribute(RequestAuthenticator.MCHID_ATTRIBUTE),
				request.getHeader("Wechatpay-Serial"));
		response.setHeader("Wechatpay-Nonce", nonce);
		response.setHeader("Wechatpay-Signature", signer.sign(Signatures.replyMessage(timestamp, nonce, body)));
		response.setHeader("Wechatpay-Timestamp", timestamp);
		response.setHeader("Wechatpay-Serial", signer.serial());
		response.setHeader("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
		if (body.length > 0) {
			try {
				response.getOutputStream().write(body);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private static String requestId() {
		return Signatures.hex(16) + "-0";
	}

}
