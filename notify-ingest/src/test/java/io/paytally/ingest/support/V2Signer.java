package io.paytally.ingest.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs v2 fields as WeChat Pay does (written independently of the code under test).
 */
public final class V2Signer {

	private V2Signer() {
	}

	public static String sign(Map<String, String> fields, String key) {
		StringBuilder text = new StringBuilder();
		new TreeMap<>(fields).forEach((name, value) -> {
			if (!name.equals("sign") && value != null && !value.isEmpty()) {
				text.append(name).append('=').append(value).append('&');
			}
		});
		text.append("key=").append(key);
		try {
			byte[] digest;
			if ("HMAC-SHA256".equals(fields.get("sign_type"))) {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
				digest = mac.doFinal(text.toString().getBytes(StandardCharsets.UTF_8));
			}
			else {
				digest = MessageDigest.getInstance("MD5").digest(text.toString().getBytes(StandardCharsets.UTF_8));
			}
			return HexFormat.of().withUpperCase().formatHex(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String xml(Map<String, String> fields) {
		StringBuilder xml = new StringBuilder("<xml>");
		fields.forEach((name, value) -> xml.append('<')
			.append(name)
			.append("><![CDATA[")
			.append(value)
			.append("]]></")
			.append(name)
			.append('>'));
		return xml.append("</xml>").toString();
	}

}
