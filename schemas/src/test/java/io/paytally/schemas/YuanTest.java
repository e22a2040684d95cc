package io.paytally.schemas;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class YuanTest {

	@Test
	void writesFenAsYuanWithTwoDecimalsExactly() {
		assertThat(Yuan.of(123456)).isEqualTo("1234.56");
		assertThat(Yuan.of(0)).isEqualTo("0.00");
		assertThat(Yuan.of(5)).isEqualTo("0.05");
		assertThat(Yuan.of(100)).isEqualTo("1.00");
		assertThat(Yuan.of(-5)).isEqualTo("-0.05");
		assertThat(Yuan.of(-123456)).isEqualTo("-1234.56");
		assertThat(Yuan.of(Long.MAX_VALUE)).isEqualTo("92233720368547758.07");
	}

	@Test
	void writesMilliFenAsYuanWithFiveDecimalsExactly() {
		assertThat(Yuan.ofMilliFen(7500)).isEqualTo("0.07500");
		assertThat(Yuan.ofMilliFen(-3000)).isEqualTo("-0.03000");
		assertThat(Yuan.ofMilliFen(1234567)).isEqualTo("12.34567");
		assertThat(Yuan.ofMilliFen(0)).isEqualTo("0.00000");
	}

}
