package io.paytally.local.scenario;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioDriverTest {

	@Test
	void waitsTheSettlePauseAfterAQuickComparison() {
		assertThat(ScenarioDriver.pauseAfter(Duration.ofMillis(40))).isEqualTo(Duration.ofMillis(1500));
		assertThat(ScenarioDriver.pauseAfter(Duration.ofMillis(750))).isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void waitsTwiceAsLongAsASlowComparisonOfALargeDayTook() {
		assertThat(ScenarioDriver.pauseAfter(Duration.ofMillis(2400))).isEqualTo(Duration.ofMillis(4800));
	}

}
