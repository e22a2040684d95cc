package io.paytally.ingest.verification;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackContextTest {

	@Test
	void escapesLineBreaksAndControlCharactersSoNoValueStartsALogLine() {
		assertThat(CallbackContext.escape("PUB_KEY\r\nFAKE LOG LINE")).isEqualTo("PUB_KEY\\r\\nFAKE LOG LINE");
		assertThat(CallbackContext.escape("a\u001b[31m\tb\\c\u2028")).isEqualTo("a\\u001b[31m\\tb\\\\c\\u2028");
	}

	@Test
	void cutsLongValuesAndSaysHowLongTheyWere() {
		String escaped = CallbackContext.escape("x".repeat(1000));

		assertThat(escaped).isEqualTo("x".repeat(128) + "...(1000 chars)");
	}

	@Test
	void keepsOnlyPlainCharactersOfIdentifiers() {
		assertThat(CallbackContext.safe("1900000001\r\nFAKE LOG LINE")).isEqualTo("1900000001??FAKE?LOG?LINE");
	}

}
