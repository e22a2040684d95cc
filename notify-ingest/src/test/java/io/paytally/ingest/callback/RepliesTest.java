package io.paytally.ingest.callback;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class RepliesTest {

	/** A strict reader: one JSON document, nothing after it. */
	private static final JsonMapper STRICT = JsonMapper.builder().build();

	private static String text(ResponseEntity<byte[]> reply) {
		return new String(reply.getBody(), StandardCharsets.UTF_8);
	}

	@Test
	void answersV3SuccessWithWechatsBodyByteForByte() {
		ResponseEntity<byte[]> reply = Replies.v3Success();

		assertThat(reply.getStatusCode().value()).isEqualTo(200);
		assertThat(reply.getHeaders().getContentType()).hasToString("application/json;charset=UTF-8");
		assertThat(reply.getBody())
			.isEqualTo("{\"code\":\"SUCCESS\",\"message\":\"成功\"}".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void answersEveryExistingFailureWithTheSameBytesAsBefore() {
		List<String> messages = List.of("body larger than 65536 bytes", "missing header Wechatpay-Timestamp",
				"malformed body (truncated)", "malformed Wechatpay-Timestamp", "timestamp outside the replay window",
				"signature probe", "unknown Wechatpay-Serial", "signature invalid",
				"unsupported Wechatpay-Signature-Type", "unsupported resource algorithm",
				"resource cannot be decrypted", "invalid field amount.refund", "mchid does not match the notify URL",
				"unsupported event_type", "merchant not served here", "DTDs are not accepted",
				"temporarily unavailable", "internal error");
		for (String message : messages) {
			ResponseEntity<byte[]> reply = Replies.v3Failure(400, message);

			assertThat(text(reply)).isEqualTo("{\"code\":\"FAIL\",\"message\":\"" + message + "\"}");
		}
		assertThat(Replies.v3Failure(503, "temporarily unavailable").getStatusCode().value()).isEqualTo(503);
	}

	@Test
	void writesQuotesBackslashesControlCharactersAndChineseAsValidJson() {
		String message = "签名\"无效\" C:\\keys\\ tab\there\nnew line\r\u0000\u0001\u001f\u007f end/斜杠 ]]>";

		ResponseEntity<byte[]> reply = Replies.v3Failure(401, message);

		String body = text(reply);
		assertThat(body.chars().filter((c) -> c < 0x20)).isEmpty();
		JsonNode parsed = STRICT.readTree(reply.getBody());
		assertThat(parsed.propertyNames()).containsExactly("code", "message");
		assertThat(parsed.get("code").asString()).isEqualTo("FAIL");
		assertThat(parsed.get("message").asString()).isEqualTo(message);
		assertThat(body).contains("签名");
	}

}
