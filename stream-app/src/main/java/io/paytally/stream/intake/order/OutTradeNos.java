package io.paytally.stream.intake.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * Derives the out_trade_no of an attempt to pay a merchant order. The rule is a pure
 * function of (mchid, merchant order number, attempt), so that the same request can never
 * create a second payment order:
 * <ul>
 * <li><b>readable form</b> {@code <merchantOrderNo>-<attempt>} when the merchant order
 * number has 4 to 29 characters of {@code [0-9A-Za-z_-]} (so that the result has 6 to 32
 * characters even with a two-digit attempt);</li>
 * <li><b>digest form</b>
 * {@code <26 base32 chars of SHA-256(mchid "\n" merchantOrderNo)>*<attempt>}
 * otherwise.</li>
 * </ul>
 * Both forms are injective: the attempt is the decimal after the last separator, and the
 * readable form never contains {@code *}, which the digest form always does. Every result
 * has 6 to 32 characters of WeChat's alphabet (digits, letters, {@code _ - *}).
 */
public final class OutTradeNos {

	/** The highest attempt number: two digits keep every out_trade_no within 32. */
	public static final int MAX_ATTEMPT = 99;

	/** WeChat's limits on out_trade_no (the {@code |} it sometimes allows is avoided). */
	static final Pattern WECHAT_OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_\\-|*]{6,32}");

	private static final Pattern READABLE = Pattern.compile("[0-9A-Za-z_\\-]{4,29}");

	private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

	private static final int DIGEST_CHARS = 26;

	private OutTradeNos() {
	}

	/**
	 * The out_trade_no of an attempt.
	 * @param mchid the merchant id
	 * @param merchantOrderNo the merchant's order number
	 * @param attempt 1 for the first attempt, n + 1 after attempt n was closed
	 * @return an out_trade_no of 6 to 32 characters of WeChat's alphabet
	 */
	public static String of(String mchid, String merchantOrderNo, int attempt) {
		if (attempt < 1 || attempt > MAX_ATTEMPT) {
			throw new IllegalArgumentException("attempt must be between 1 and " + MAX_ATTEMPT + ", was " + attempt);
		}
		if (READABLE.matcher(merchantOrderNo).matches()) {
			return merchantOrderNo + "-" + attempt;
		}
		return digest(mchid + "\n" + merchantOrderNo) + "*" + attempt;
	}

	private static String digest(String text) {
		byte[] hash;
		try {
			hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
		StringBuilder out = new StringBuilder(DIGEST_CHARS);
		int buffer = 0;
		int bits = 0;
		for (byte b : hash) {
			buffer = (buffer << 8) | (b & 0xff);
			bits += 8;
			while (bits >= 5 && out.length() < DIGEST_CHARS) {
				out.append(BASE32[(buffer >> (bits - 5)) & 0x1f]);
				bits -= 5;
			}
			if (out.length() == DIGEST_CHARS) {
				break;
			}
		}
		return out.toString();
	}

}
