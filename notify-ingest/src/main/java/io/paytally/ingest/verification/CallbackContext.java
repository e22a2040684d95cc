package io.paytally.ingest.verification;

/**
 * What is known about the callback being handled, filled in as it is learned, for the log
 * line and the metrics that end its handling. Values are sanitised: they come from the
 * request.
 */
public final class CallbackContext {

	/** The request attribute holding the context. */
	public static final String ATTRIBUTE = CallbackContext.class.getName();

	private final String protocol;

	private final String mchid;

	private String notificationId;

	private String outTradeNo;

	private String kind;

	public CallbackContext(String protocol, String mchid) {
		this.protocol = protocol;
		this.mchid = safe(mchid);
	}

	/** {@code v3} or {@code v2}. */
	public String protocol() {
		return this.protocol;
	}

	/** The merchant of the notify URL. */
	public String mchid() {
		return this.mchid;
	}

	/** The callback's id ({@code EV-...}) or v2 nonce, once known. */
	public String notificationId() {
		return this.notificationId;
	}

	/** The order the callback is about, once decrypted. */
	public String outTradeNo() {
		return this.outTradeNo;
	}

	/** {@code payment} or {@code refund}, once known. */
	public String kind() {
		return this.kind;
	}

	public void notificationId(String notificationId) {
		this.notificationId = safe(notificationId);
	}

	public void outTradeNo(String outTradeNo) {
		this.outTradeNo = safe(outTradeNo);
	}

	public void kind(String kind) {
		this.kind = kind;
	}

	/**
	 * A value fit for a log line: at most 64 characters of letters, digits and
	 * {@code _-|*@.}; anything else is replaced by {@code ?}.
	 */
	public static String safe(String value) {
		if (value == null) {
			return null;
		}
		int length = Math.min(value.length(), 64);
		StringBuilder safe = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
					|| c == '-' || c == '|' || c == '*' || c == '@' || c == '.';
			safe.append(allowed ? c : '?');
		}
		if (value.length() > 64) {
			safe.append("...");
		}
		return safe.toString();
	}

	/**
	 * Request text fit for a log line, kept readable: at most 128 characters, CR, LF, tab
	 * and backslash written as {@code \r}, {@code \n}, {@code \t}, {@code \\}, any other
	 * control or non-ASCII character as a backslash, {@code u} and four hex digits, so
	 * that no value can start a log line of its own or pass for another.
	 */
	public static String escape(String value) {
		if (value == null) {
			return null;
		}
		int length = Math.min(value.length(), 128);
		StringBuilder escaped = new StringBuilder(length + 8);
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\r' -> escaped.append("\\r");
				case '\n' -> escaped.append("\\n");
				case '\t' -> escaped.append("\\t");
				case '\\' -> escaped.append("\\\\");
				default -> {
					if (c < 0x20 || c >= 0x7f) {
						escaped.append(String.format("\\u%04x", (int) c));
					}
					else {
						escaped.append(c);
					}
				}
			}
		}
		if (value.length() > 128) {
			escaped.append("...(").append(value.length()).append(" chars)");
		}
		return escaped.toString();
	}

}
