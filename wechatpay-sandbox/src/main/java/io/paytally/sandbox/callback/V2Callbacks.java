package io.paytally.sandbox.callback;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import io.paytally.sandbox.crypto.Signatures;
import io.paytally.sandbox.keys.MerchantKeys;
import io.paytally.sandbox.ledger.Order;
import io.paytally.sandbox.ledger.Refund;

/**
 * WeChat Pay's legacy API v2 callbacks, for merchants that still take them: a payment as
 * a flat XML document signed with MD5 under the merchant's API v2 key, a refund with its
 * details in {@code req_info} (AES-256-ECB under the lowercase hex MD5 of that key). The
 * merchant answers {@code <return_code>SUCCESS</return_code>}, else WeChat retries.
 */
final class V2Callbacks {

	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private static final DateTimeFormatter TIME_END = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

	private static final DateTimeFormatter SUCCESS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private V2Callbacks() {
	}

	/** A paid order's callback, signed (or, forged, with a signature of another key). */
	static String payment(MerchantKeys merchant, Order order, boolean forged) {
		Map<String, String> fields = new TreeMap<>();
		fields.put("appid", order.appid());
		fields.put("bank_type", order.bankType());
		// v2 names the payer's part cash_fee and lists a coupon's share on its own
		fields.put("cash_fee", Long.toString(order.payerTotal()));
		if (order.couponAmount() > 0) {
			fields.put("settlement_total_fee", Long.toString(order.settlementTotal()));
			fields.put("coupon_fee", Long.toString(order.couponAmount()));
			fields.put("coupon_count", "1");
			fields.put("coupon_type_0", Order.CASH.equals(order.couponType()) ? "CASH" : "NO_CASH");
			fields.put("coupon_id_0", "1" + order.transactionId().substring(order.transactionId().length() - 9));
			fields.put("coupon_fee_0", Long.toString(order.couponAmount()));
		}
		fields.put("fee_type", "CNY");
		fields.put("is_subscribe", "N");
		fields.put("mch_id", order.mchid());
		fields.put("nonce_str", Signatures.nonce(32));
		fields.put("openid", order.payerOpenid());
		fields.put("out_trade_no", order.outTradeNo());
		fields.put("result_code", "SUCCESS");
		fields.put("return_code", "SUCCESS");
		fields.put("sign_type", "MD5");
		fields.put("time_end", TIME_END.format(order.successTime().atZoneSameInstant(BEIJING)));
		fields.put("total_fee", Long.toString(order.paidAmount()));
		fields.put("trade_type", order.tradeType());
		fields.put("transaction_id", order.transactionId());
		if (order.attach() != null && !order.attach().isEmpty()) {
			fields.put("attach", order.attach());
		}
		fields.put("sign", sign(fields, forged ? Signatures.nonce(32) : merchant.apiV2Key()));
		return xml(fields);
	}

	/**
	 * A finished refund's callback (encrypted under another key when forged);
	 * {@code payerTotal} is what the payer paid of the order.
	 */
	static String refund(MerchantKeys merchant, String appid, Refund refund, long payerTotal, boolean forged) {
		// a non-recharge coupon's share is neither settled nor refunded to the merchant
		boolean nocash = Order.NOCASH.equals(refund.couponType());
		Map<String, String> info = new TreeMap<>();
		info.put("out_refund_no", refund.outRefundNo());
		info.put("out_trade_no", refund.outTradeNo());
		info.put("refund_account", "REFUND_SOURCE_RECHARGE_FUNDS");
		info.put("refund_fee", Long.toString(refund.amount()));
		info.put("refund_id", refund.refundId());
		info.put("refund_recv_accout", "支付用户零钱");
		info.put("refund_request_source", "API");
		// v2 names an abnormal refund CHANGE and a closed one REFUNDCLOSE
		info.put("refund_status", switch (refund.status()) {
			case Refund.ABNORMAL -> "CHANGE";
			case Refund.CLOSED -> "REFUNDCLOSE";
			default -> "SUCCESS";
		});
		info.put("settlement_refund_fee",
				Long.toString(nocash ? refund.amount() - refund.couponRefund() : refund.amount()));
		info.put("settlement_total_fee", Long.toString(nocash ? payerTotal : refund.total()));
		if (refund.successTime() != null) {
			info.put("success_time", SUCCESS_TIME.format(refund.successTime().atZoneSameInstant(BEIJING)));
		}
		info.put("total_fee", Long.toString(refund.total()));
		info.put("transaction_id", refund.transactionId());
		StringBuilder root = new StringBuilder("<root>");
		info.forEach((name, value) -> element(root, name, value));
		root.append("</root>");
		Map<String, String> fields = new TreeMap<>();
		fields.put("return_code", "SUCCESS");
		fields.put("appid", appid);
		fields.put("mch_id", refund.mchid());
		fields.put("nonce_str", Signatures.nonce(32));
		fields.put("req_info", encrypt(root.toString(), forged ? Signatures.nonce(32) : merchant.apiV2Key()));
		return xml(fields);
	}

	/** Whether a merchant's answer says SUCCESS, as WeChat reads a v2 answer. */
	static boolean acknowledged(String reply) {
		if (reply == null) {
			return false;
		}
		String compact = reply.replaceAll("\\s", "");
		return compact.contains("<return_code><![CDATA[SUCCESS]]></return_code>")
				|| compact.contains("<return_code>SUCCESS</return_code>");
	}

	static String sign(Map<String, String> fields, String key) {
		StringBuilder text = new StringBuilder();
		new TreeMap<>(fields).forEach((name, value) -> {
			if (!name.equals("sign") && value != null && !value.isEmpty()) {
				text.append(name).append('=').append(value).append('&');
			}
		});
		text.append("key=").append(key);
		return HexFormat.of().withUpperCase().formatHex(md5(text.toString()));
	}

	private static String encrypt(String plaintext, String apiV2Key) {
		try {
			byte[] key = HexFormat.of().formatHex(md5(apiV2Key)).getBytes(StandardCharsets.US_ASCII);
			Cipher cipher = Cipher.getInstance("AES/ECB/PKCS5Padding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
			return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES missing from the JDK", ex);
		}
	}

	private static byte[] md5(String text) {
		try {
			return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("MD5 missing from the JDK", ex);
		}
	}

	private static String xml(Map<String, String> fields) {
		StringBuilder xml = new StringBuilder("<xml>");
		fields.forEach((name, value) -> element(xml, name, value));
		return xml.append("</xml>").toString();
	}

	private static void element(StringBuilder xml, String name, String value) {
		xml.append('<').append(name).append("><![CDATA[").append(value).append("]]></").append(name).append('>');
	}

}
