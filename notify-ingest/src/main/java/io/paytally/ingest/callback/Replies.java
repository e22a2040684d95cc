package io.paytally.ingest.callback;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.paytally.schemas.serde.Json;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.ObjectWriter;

/**
 * WeChat Pay's answers: v3 JSON {@code {"code":"SUCCESS|FAIL","message":...}} and v2 XML
 * {@code <xml><return_code>...</return_code><return_msg>...</return_msg></xml>}. Messages
 * are ours, never echoed input; the JSON is written by Jackson (the shared
 * {@link Json#mapper() schemas mapper}), so any message comes out as valid JSON.
 */
public final class Replies {

	/** The content type of v3 answers. */
	static final String JSON_UTF8 = "application/json;charset=UTF-8";

	private static final MediaType JSON = MediaType.parseMediaType(JSON_UTF8);

	private static final MediaType XML = MediaType.parseMediaType("application/xml;charset=UTF-8");

	private static final ObjectWriter V3_WRITER = Json.mapper().writerFor(V3Reply.class);

	/**
	 * The v3 success body, {@code {"code":"SUCCESS","message":"成功"}}; never to be
	 * modified.
	 */
	static final byte[] V3_SUCCESS = v3("SUCCESS", "成功");

	private static final byte[] V2_SUCCESS = v2("SUCCESS", "OK");

	private Replies() {
	}

	public static ResponseEntity<byte[]> v3Success() {
		return ResponseEntity.ok().contentType(JSON).body(V3_SUCCESS);
	}

	public static ResponseEntity<byte[]> v3Failure(int status, String message) {
		return ResponseEntity.status(HttpStatusCode.valueOf(status)).contentType(JSON).body(v3("FAIL", message));
	}

	public static ResponseEntity<byte[]> v2Success() {
		return ResponseEntity.ok().contentType(XML).body(V2_SUCCESS);
	}

	public static ResponseEntity<byte[]> v2Failure(int status, String message) {
		return ResponseEntity.status(HttpStatusCode.valueOf(status)).contentType(XML).body(v2("FAIL", message));
	}

	private static byte[] v3(String code, String message) {
		return V3_WRITER.writeValueAsBytes(new V3Reply(code, message));
	}

	private static byte[] v2(String code, String message) {
		return ("<xml><return_code><![CDATA[" + code + "]]></return_code><return_msg><![CDATA["
				+ message.replace("]]>", "") + "]]></return_msg></xml>")
			.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The body of a v3 answer.
	 *
	 * @param code {@code SUCCESS} or {@code FAIL}
	 * @param message what happened
	 */
	@JsonPropertyOrder({ "code", "message" })
	record V3Reply(String code, String message) {

	}

}
