package io.paytally.ingest.callback;

import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * WeChat Pay's answers: v3 JSON {@code {"code":"SUCCESS|FAIL","message":...}} and v2 XML
 * {@code <xml><return_code>...</return_code><return_msg>...</return_msg></xml>}. Messages
 * are ours, never echoed input.
 */
public final class Replies {

	/** The content type of v3 answers. */
	static final String JSON_UTF8 = "application/json;charset=UTF-8";

	private static final MediaType JSON = MediaType.parseMediaType(JSON_UTF8);

	private static final MediaType XML = MediaType.parseMediaType("application/xml;charset=UTF-8");

	/** The v3 success body; never to be modified. */
	static final byte[] V3_SUCCESS = "{\"code\":\"SUCCESS\",\"message\":\"成功\"}".getBytes(StandardCharsets.UTF_8);

	private static final byte[] V2_SUCCESS = v2("SUCCESS", "OK");

	private Replies() {
	}

	public static ResponseEntity<byte[]> v3Success() {
		return ResponseEntity.ok().contentType(JSON).body(V3_SUCCESS);
	}

	public static ResponseEntity<byte[]> v3Failure(int status, String message) {
		String body = "{\"code\":\"FAIL\",\"message\":\"" + message.replace("\"", "'") + "\"}";
		return ResponseEntity.status(HttpStatusCode.valueOf(status))
			.contentType(JSON)
			.body(body.getBytes(StandardCharsets.UTF_8));
	}

	public static ResponseEntity<byte[]> v2Success() {
		return ResponseEntity.ok().contentType(XML).body(V2_SUCCESS);
	}

	public static ResponseEntity<byte[]> v2Failure(int status, String message) {
		return ResponseEntity.status(HttpStatusCode.valueOf(status)).contentType(XML).body(v2("FAIL", message));
	}

	private static byte[] v2(String code, String message) {
		return ("<xml><return_code><![CDATA[" + code + "]]></return_code><return_msg><![CDATA["
				+ message.replace("]]>", "") + "]]></return_msg></xml>")
			.getBytes(StandardCharsets.UTF_8);
	}

}
