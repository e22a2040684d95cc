package io.paytally.ingest.verification;

/**
 * The {@code Wechatpay-*} headers of a v3 callback, as received ({@code null} when
 * absent).
 *
 * @param timestamp {@code Wechatpay-Timestamp}, seconds since the epoch
 * @param nonce {@code Wechatpay-Nonce}
 * @param signature {@code Wechatpay-Signature}, Base64
 * @param serial {@code Wechatpay-Serial}: the platform key id or certificate serial
 * @param signatureType {@code Wechatpay-Signature-Type}, optional
 */
public record V3Headers(String timestamp, String nonce, String signature, String serial, String signatureType) {

	public static final String TIMESTAMP = "Wechatpay-Timestamp";

	public static final String NONCE = "Wechatpay-Nonce";

	public static final String SIGNATURE = "Wechatpay-Signature";

	public static final String SERIAL = "Wechatpay-Serial";

	public static final String SIGNATURE_TYPE = "Wechatpay-Signature-Type";

}
