package io.paytally.ingest.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Plays WeChat Pay in tests that need no sandbox: a platform key pair, a merchant's APIv3
 * and API v2 keys, and signed, encrypted callbacks made with the JDK's crypto exactly as
 * WeChat makes them.
 */
public final class WechatPayFixture {

	public static final String MCHID = "1900000001";

	public static final String APPID = "wx0000000000demo01";

	public static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0119000000012026112300000000000001";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final KeyPair platform;

	private final String apiV3Key;

	private final String apiV2Key;

	private final String publicKeyId;

	public WechatPayFixture() {
		this(PUBLIC_KEY_ID);
	}

	/** WeChat Pay with a public key of another id (a rotated key). */
	public WechatPayFixture(String publicKeyId) {
		this.publicKeyId = publicKeyId;
		this.platform = rsa();
		this.apiV3Key = randomAlphanumeric(32);
		this.apiV2Key = randomAlphanumeric(32);
	}

	public static KeyPair rsa() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String publicKeyPem() {
		return "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(this.platform.getPublic().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
	}

	public PrivateKey platformPrivateKey() {
		return this.platform.getPrivate();
	}

	/** The id of this fixture's WeChat Pay public key. */
	public String publicKeyId() {
		return this.publicKeyId;
	}

	public String apiV3Key() {
		return this.apiV3Key;
	}

	public String apiV2Key() {
		return this.apiV2Key;
	}

	/** Command-line style properties configuring {@link #MCHID} for these keys. */
	public List<String> merchantProperties(int index) {
		String prefix = "--paytally.wechat.merchants[" + index + "].";
		List<String> args = new ArrayList<>();
		args.add(prefix + "mchid=" + MCHID);
		args.add(prefix + "appid=" + APPID);
		args.add(prefix + "api-v3-key=" + this.apiV3Key);
		args.add(prefix + "api-v2-key=" + this.apiV2Key);
		args.add(prefix + "verification=PUBLIC_KEY");
		args.add(prefix + "platform-public-key=" + publicKeyPem());
		args.add(prefix + "platform-public-key-id=" + this.publicKeyId);
		return args;
	}

	/** A paid order's decrypted {@code Transaction}. */
	public static String transaction(String mchid, String outTradeNo, long total, String successTime) {
		return "{\"appid\":\"" + APPID + "\",\"mchid\":\"" + mchid + "\",\"out_trade_no\":\"" + outTradeNo
				+ "\",\"transaction_id\":\"4200000000" + Math.abs(outTradeNo.hashCode())
				+ "\",\"trade_type\":\"JSAPI\",\"trade_state\":\"SUCCESS\",\"trade_state_desc\":\"支付成功\","
				+ "\"bank_type\":\"OTHERS\",\"attach\":\"a1\",\"success_time\":\"" + successTime
				+ "\",\"payer\":{\"openid\":\"oSecretOpenid0001\"},\"amount\":{\"total\":" + total + ",\"payer_total\":"
				+ total + ",\"currency\":\"CNY\",\"payer_currency\":\"CNY\"}," + "\"promotion_detail\":[]}";
	}

	/** A succeeded refund's decrypted resource. */
	public static String refund(String mchid, String outTradeNo, String outRefundNo, long total, long refund) {
		return "{\"mchid\":\"" + mchid + "\",\"out_trade_no\":\"" + outTradeNo
				+ "\",\"transaction_id\":\"4200000000202603010000000001\",\"out_refund_no\":\"" + outRefundNo
				+ "\",\"refund_id\":\"50300000002026030100000000001\",\"refund_status\":\"SUCCESS\","
				+ "\"success_time\":\"2026-03-01T15:30:12+08:00\",\"user_received_account\":\"支付用户零钱\","
				+ "\"amount\":{\"total\":" + total + ",\"refund\":" + refund + ",\"payer_total\":" + total
				+ ",\"payer_refund\":" + refund + "}}";
	}

	public Callback paymentCallback(String outTradeNo, long total) {
		return callback("TRANSACTION.SUCCESS", "transaction",
				transaction(MCHID, outTradeNo, total, "2026-03-01T09:15:02+08:00"));
	}

	public Callback refundCallback(String outTradeNo, String outRefundNo, long total, long refund) {
		return callback("REFUND.SUCCESS", "refund", refund(MCHID, outTradeNo, outRefundNo, total, refund));
	}

	/** A callback with this fixture's keys, signed now. */
	public Callback callback(String eventType, String originalType, String plaintext) {
		return callbackEncryptedWith(this.apiV3Key, eventType, originalType, plaintext);
	}

	/**
	 * A callback whose resource is encrypted with an APIv3 key of the test's (a rotated
	 * one), signed now with this fixture's platform key.
	 */
	public Callback callbackEncryptedWith(String apiV3Key, String eventType, String originalType, String plaintext) {
		String nonce = randomAlphanumeric(12);
		String body = envelope(eventType, originalType, "AEAD_AES_256_GCM",
				encrypt(apiV3Key, originalType, plaintext, nonce), nonce, originalType);
		return sign(body, Instant.now().getEpochSecond());
	}

	/** An envelope around an already encrypted resource. */
	public static String envelope(String eventType, String originalType, String algorithm, String ciphertext,
			String nonce, String associatedData) {
		return "{\"id\":\"EV-" + randomAlphanumeric(16) + "\",\"create_time\":\"2026-03-01T09:15:03+08:00\","
				+ "\"resource_type\":\"encrypt-resource\",\"event_type\":\"" + eventType
				+ "\",\"summary\":\"支付成功\",\"resource\":{\"original_type\":\"" + originalType + "\",\"algorithm\":\""
				+ algorithm + "\",\"ciphertext\":\"" + ciphertext + "\",\"associated_data\":\"" + associatedData
				+ "\",\"nonce\":\"" + nonce + "\"}}";
	}

	/** AES-256-GCM as WeChat does it: key, 12-char nonce, AAD, tag appended, Base64. */
	public static String encrypt(String apiV3Key, String associatedData, String plaintext, String nonce) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
					new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
			cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A body signed with the platform key at the given time. */
	public Callback sign(String body, long timestamp) {
		return sign(body, timestamp, this.platform.getPrivate(), this.publicKeyId);
	}

	public static Callback sign(String body, long timestamp, PrivateKey key, String serial) {
		String nonce = randomAlphanumeric(32);
		String message = timestamp + "\n" + nonce + "\n" + body + "\n";
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Wechatpay-Timestamp", Long.toString(timestamp));
		headers.put("Wechatpay-Nonce", nonce);
		headers.put("Wechatpay-Signature", signature(message, key));
		headers.put("Wechatpay-Serial", serial);
		headers.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
		return new Callback(headers, body);
	}

	public static String signature(String message, PrivateKey key) {
		try {
			Signature signer = Signature.getInstance("SHA256withRSA");
			signer.initSign(key);
			signer.update(message.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(signer.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String randomAlphanumeric(int length) {
		String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
		StringBuilder value = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			value.append(chars.charAt(RANDOM.nextInt(chars.length())));
		}
		return value.toString();
	}

	/** A v2 XML payment callback signed with this fixture's API v2 key. */
	public String v2PaymentCallback(String outTradeNo, long totalFee, String signType) {
		return V2Signer.xml(v2PaymentFields(outTradeNo, totalFee, APPID, signType));
	}

	/** The fields of a v2 payment callback under an app id, signed by a sign type. */
	public Map<String, String> v2PaymentFields(String outTradeNo, long totalFee, String appid, String signType) {
		Map<String, String> fields = new java.util.TreeMap<>();
		fields.put("appid", appid);
		fields.put("bank_type", "CMB_DEBIT");
		fields.put("cash_fee", Long.toString(totalFee));
		fields.put("fee_type", "CNY");
		fields.put("is_subscribe", "N");
		fields.put("mch_id", MCHID);
		fields.put("nonce_str", randomAlphanumeric(16));
		fields.put("openid", "oSecretOpenid0002");
		fields.put("out_trade_no", outTradeNo);
		fields.put("result_code", "SUCCESS");
		fields.put("return_code", "SUCCESS");
		if (signType != null) {
			fields.put("sign_type", signType);
		}
		fields.put("time_end", "20260301091502");
		fields.put("total_fee", Long.toString(totalFee));
		fields.put("trade_type", "JSAPI");
		fields.put("transaction_id", "4200000000202603010000000002");
		fields.put("sign", V2Signer.sign(fields, this.apiV2Key));
		return fields;
	}

	/**
	 * A v2 refund callback as WeChat sends it: no {@code sign}, the refund in
	 * {@code req_info}, AES-256-ECB under the lowercase hex MD5 of the API v2 key.
	 */
	public String v2RefundCallback(String appid, String outTradeNo, String outRefundNo, long totalFee, long refundFee,
			String apiV2Key) {
		String info = "<root><out_refund_no><![CDATA[" + outRefundNo + "]]></out_refund_no><out_trade_no><![CDATA["
				+ outTradeNo + "]]></out_trade_no><refund_account><![CDATA[REFUND_SOURCE_RECHARGE_FUNDS]]>"
				+ "</refund_account><refund_fee><![CDATA[" + refundFee + "]]></refund_fee><refund_id><![CDATA["
				+ "50000000382019052709732678859]]></refund_id><refund_recv_accout><![CDATA[支付用户零钱]]>"
				+ "</refund_recv_accout><refund_request_source><![CDATA[API]]></refund_request_source>"
				+ "<refund_status><![CDATA[SUCCESS]]></refund_status><settlement_refund_fee><![CDATA[" + refundFee
				+ "]]></settlement_refund_fee><settlement_total_fee><![CDATA[" + totalFee
				+ "]]></settlement_total_fee><success_time><![CDATA[2026-03-01 15:30:12]]></success_time>"
				+ "<total_fee><![CDATA[" + totalFee + "]]></total_fee><transaction_id><![CDATA["
				+ "4200000000202603010000000002]]></transaction_id></root>";
		Map<String, String> fields = new java.util.TreeMap<>();
		fields.put("return_code", "SUCCESS");
		fields.put("appid", appid);
		fields.put("mch_id", MCHID);
		fields.put("nonce_str", randomAlphanumeric(32));
		fields.put("req_info", encryptReqInfo(info, apiV2Key));
		return V2Signer.xml(fields);
	}

	/** AES-256-ECB, PKCS#7, key = lowercase hex MD5 of the API v2 key, Base64. */
	public static String encryptReqInfo(String plaintext, String apiV2Key) {
		try {
			byte[] md5 = java.security.MessageDigest.getInstance("MD5")
				.digest(apiV2Key.getBytes(StandardCharsets.UTF_8));
			byte[] key = java.util.HexFormat.of().formatHex(md5).getBytes(StandardCharsets.US_ASCII);
			Cipher cipher = Cipher.getInstance("AES/ECB/PKCS5Padding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
			return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A callback as sent: its headers and raw body.
	 *
	 * @param headers the {@code Wechatpay-*} headers
	 * @param body the JSON body
	 */
	public record Callback(Map<String, String> headers, String body) {

		public Callback withHeader(String name, String value) {
			Map<String, String> changed = new LinkedHashMap<>(this.headers);
			if (value == null) {
				changed.remove(name);
			}
			else {
				changed.put(name, value);
			}
			return new Callback(changed, this.body);
		}

		public Callback withBody(String body) {
			return new Callback(this.headers, body);
		}

	}

}
