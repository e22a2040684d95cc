package io.paytally.schemas;

import java.lang.reflect.Method;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.paytally.schemas.Samples.Sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MerchantKeyTest {

	@Test
	void writesTheMerchantAndTheNumberSeparatedByAnAt() {
		assertThat(MerchantKey.encode("1900000109", "ORD0001-1")).isEqualTo("1900000109@ORD0001-1");
	}

	@Test
	void readsBackWhatItWrote() {
		assertThat(MerchantKey.parse("1900000109@ORD0001-1")).isEqualTo(MerchantKey.of("1900000109", "ORD0001-1"));
	}

	@Test
	void keepsAnAtInsideTheNumber() {
		assertThat(MerchantKey.parse("1900000109@a@b")).isEqualTo(MerchantKey.of("1900000109", "a@b"));
	}

	@Test
	void keepsTwoMerchantsWithTheSameOrderNumberApart() {
		assertThat(MerchantKey.encode("1900000109", "ORD0001-1"))
			.isNotEqualTo(MerchantKey.encode("1900000110", "ORD0001-1"));
	}

	@Test
	void refusesAKeyWithoutAMerchant() {
		assertThatThrownBy(() -> MerchantKey.parse("ORD0001-1")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("ORD0001-1");
		assertThatThrownBy(() -> MerchantKey.parse("@ORD0001-1")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> MerchantKey.parse("1900000109@")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void refusesAMerchantIdHoldingTheSeparator() {
		assertThatThrownBy(() -> MerchantKey.of("19@00", "P1")).isInstanceOf(IllegalArgumentException.class);
	}

	static List<Sample> orderSamples() {
		return Samples.all().stream().filter((s) -> hasKeyMethod(s.value())).toList();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("orderSamples")
	void keysEverySampleByItsMerchantAndNumber(Sample sample) throws Exception {
		Method key = sample.value().getClass().getMethod("key");
		assertThat(sample.key()).isEqualTo(key.invoke(sample.value())).startsWith(Samples.MCHID + "@");
	}

	private static boolean hasKeyMethod(Object value) {
		try {
			value.getClass().getMethod("key");
			return true;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

}
