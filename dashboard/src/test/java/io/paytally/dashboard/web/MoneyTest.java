package io.paytally.dashboard.web;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MoneyTest {

	@Test
	void showsFenAsYuanWithTwoDecimals() {
		assertThat(Money.yuan(0)).isEqualTo("0.00");
		assertThat(Money.yuan(5)).isEqualTo("0.05");
		assertThat(Money.yuan(1999)).isEqualTo("19.99");
		assertThat(Money.yuan(-5)).isEqualTo("-0.05");
		assertThat(Money.yuan(23849270L)).isEqualTo("238492.70");
		assertThat(Money.yuan(9_007_199_254_740_993L)).isEqualTo("90071992547409.93");
	}

	@Test
	void roundsMilliFenHalfAwayFromZeroToTheFen() {
		assertThat(Money.yuanFromMilliFen(227600533720L)).isEqualTo("2276005.34");
		assertThat(Money.yuanFromMilliFen(1499)).isEqualTo("0.01");
		assertThat(Money.yuanFromMilliFen(1500)).isEqualTo("0.02");
		assertThat(Money.yuanFromMilliFen(-1500)).isEqualTo("-0.02");
	}

	@Test
	void givesTheSuccessRateToOneDecimal() {
		assertThat(Money.percent(951, 1001)).isEqualTo("95.0%");
		assertThat(Money.percent(2, 3)).isEqualTo("66.7%");
		assertThat(Money.percent(0, 0)).isEqualTo("-");
	}

	@Test
	void showsTimesInBeijingTime() {
		assertThat(BeijingTime.dateTime(Instant.parse("2026-12-01T16:30:05Z"))).isEqualTo("2026-12-02 00:30:05");
		assertThat(BeijingTime.minute(Instant.parse("2026-12-01T16:30:05Z"))).isEqualTo("00:30");
	}

}
