package io.paytally.ingest.verification;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JsonTreesTest {

	@Test
	void readsAnObjectFromBytesAndText() {
		String json = "{\"id\":\"EV-1\",\"amount\":{\"total\":100},\"note\":\"成功\"}";
		JsonNode fromBytes = JsonTrees.object(json.getBytes(StandardCharsets.UTF_8));
		JsonNode fromText = JsonTrees.object(json);
		assertThat(fromBytes).isEqualTo(fromText);
		assertThat(fromBytes.get("id").stringValue()).isEqualTo("EV-1");
		assertThat(fromBytes.get("amount").get("total").decimalValue()).isEqualByComparingTo("100");
		assertThat(fromBytes.get("note").stringValue()).isEqualTo("成功");
	}

	@Test
	void keepsFractionsExact() {
		JsonNode amount = JsonTrees.object("{\"total\":100.10,\"big\":1e2}");
		assertThat(amount.get("total").decimalValue()).isEqualTo(new BigDecimal("100.10"));
		assertThat(amount.get("big").decimalValue().longValueExact()).isEqualTo(100);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "null", "[]", "\"text\"", "42", "{", "{\"a\":1} {\"b\":2}", "{\"a\":1}x", "{a:1}",
			"{'a':1}", "{\"a\":NaN}" })
	void refusesWhatIsNotOneJsonObject(String json) {
		assertThatExceptionOfType(MalformedCallback.class).isThrownBy(() -> JsonTrees.object(json))
			.withMessage("malformed JSON");
		assertThatExceptionOfType(MalformedCallback.class)
			.isThrownBy(() -> JsonTrees.object(json.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void refusesDeepNesting() {
		String deep = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
		assertThatExceptionOfType(MalformedCallback.class).isThrownBy(() -> JsonTrees.object(deep));
	}

}
