package io.paytally.sandbox;

/**
 * How an endpoint fails during an outage, as WeChat fails: status, error code and message
 * in WeChat's JSON error body, or no answer at all.
 */
public enum ApiOutage {

	/** 500 {@code SYSTEM_ERROR}. */
	SYSTEM_ERROR(500, "SYSTEM_ERROR", "系统错误"),
	/** 429 {@code FREQUENCY_LIMITED}. */
	FREQUENCY_LIMITED(429, "FREQUENCY_LIMITED", "频率超限"),
	/**
	 * 401 {@code SIGN_ERROR}: the merchant's key rotation gone wrong, as WeChat sees it.
	 */
	SIGN_ERROR(401, "SIGN_ERROR", "签名错误"),
	/**
	 * No answer within the hang time (past any client's timeout), then 500
	 * {@code SYSTEM_ERROR} to whoever still waits.
	 */
	HANG(500, "SYSTEM_ERROR", "系统错误");

	private final int status;

	private final String code;

	private final String message;

	ApiOutage(int status, String code, String message) {
		this.status = status;
		this.code = code;
		this.message = message;
	}

	public int status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

	public String message() {
		return this.message;
	}

}
