package io.paytally.sandbox.merchantapi;

import java.security.PublicKey;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.paytally.sandbox.crypto.Signatures;
import io.paytally.sandbox.keys.MerchantKeys;
import io.paytally.sandbox.keys.MerchantRegistry;
import io.paytally.sandbox.keys.PlatformIdentity;
import io.paytally.sandbox.ledger.WechatError;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Checks a merchant's {@code Authorization} header: scheme, known mchid and serial (any
 * API certificate of the merchant's that is not revoked: old and new during a rotation),
 * a timestamp within 5 minutes, and the SHA256withRSA signature over the request as
 * received.
 */
public final class RequestAuthenticator {

	/** The request attribute naming the authenticated merchant. */
	static final String MCHID_ATTRIBUTE = RequestAuthenticator.class.getName() + ".mchid";

	private static final String SCHEME = "WECHATPAY2-SHA256-RSA2048";

	private static final Pattern PAIR = Pattern.compile("(\\w+)=\"([^\"]*)\"");

	private static final long MAX_SKEW_SECONDS = 300;

	private final MerchantRegistry merchants;

	private final Clock signingClock;

	private final PlatformIdentity platform;

	public RequestAuthenticator(MerchantRegistry merchants, Clock signingClock, PlatformIdentity platform) {
		this.merchants = merchants;
		this.signingClock = signingClock;
		this.platform = platform;
	}

	public MerchantKeys authenticate(HttpServletRequest request, byte[] body) {
		String authorization = request.getHeader("Authorization");
		if (authorization == null || !authorization.startsWith(SCHEME + " ")) {
			throw new WechatError.SignatureInvalid("Authorization header missing or not " + SCHEME);
		}
		Map<String, String> fields = new HashMap<>();
		Matcher matcher = PAIR.matcher(authorization.substring(SCHEME.length() + 1));
		while (matcher.find()) {
			fields.put(matcher.group(1), matcher.group(2));
		}
		String mchid = fields.get("mchid");
		MerchantKeys merchant = (mchid != null) ? this.merchants.find(mchid).orElse(null) : null;
		if (merchant == null) {
			throw new WechatError.SignatureInvalid("unknown mchid in Authorization: " + mchid);
		}
		PublicKey certificate = this.merchants.certificate(merchant, fields.getOrDefault("serial_no", ""))
			.orElseThrow(() -> new WechatError.SignatureInvalid("serial_no is not the merchant's certificate serial"));
		String timestamp = fields.getOrDefault("timestamp", "");
		long seconds;
		try {
			seconds = Long.parseLong(timestamp);
		}
		catch (NumberFormatException ex) {
			throw new WechatError.SignatureInvalid("timestamp is not a number");
		}
		if (Math.abs(this.signingClock.instant().getEpochSecond() - seconds) > MAX_SKEW_SECONDS) {
			throw new WechatError.SignatureInvalid("timestamp more than 5 minutes from now");
		}
		String url = request.getRequestURI()
				+ ((request.getQueryString() != null) ? "?" + request.getQueryString() : "");
		byte[] message = Signatures.requestMessage(request.getMethod(), url, timestamp,
				fields.getOrDefault("nonce_str", ""), body);
		if (!Signatures.verify(certificate, message, fields.getOrDefault("signature", ""))) {
			throw new WechatError.SignatureInvalid("签名错误");
		}
		this.platform.observe(merchant.mchid(), request.getHeader("Wechatpay-Serial"));
		request.setAttribute(MCHID_ATTRIBUTE, merchant.mchid());
		return merchant;
	}

}
