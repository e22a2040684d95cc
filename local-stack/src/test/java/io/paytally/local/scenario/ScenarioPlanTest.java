package io.paytally.local.scenario;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ScenarioPlanTest {

	@Test
	void playsTheSameDayForTheSameSeed() {
		ScenarioSettings settings = ScenarioSettings.of("1900000001", 500, 7);
		assertThat(ScenarioPlan.of(settings)).isEqualTo(ScenarioPlan.of(settings));
		assertThat(ScenarioPlan.of(settings)).isNotEqualTo(ScenarioPlan.of(ScenarioSettings.of("1900000001", 500, 8)));
	}

	@Test
	void mixesKindsByTheirShareWithAtLeastOneOfEachRareKind() {
		ScenarioPlan plan = ScenarioPlan.of(ScenarioSettings.of("1900000001", 1000, 1));
		assertThat(plan.orders()).hasSize(1000);
		assertThat(plan.count(Kind.DUPLICATE_CALLBACK)).isEqualTo(50);
		assertThat(plan.count(Kind.DROPPED_CALLBACK)).isEqualTo(30);
		assertThat(plan.count(Kind.NEVER_PAID)).isEqualTo(50);
		assertThat(plan.count(Kind.AMOUNT_MISMATCH)).isEqualTo(1);
		assertThat(plan.count(Kind.PAID_AFTER_CLOSE)).isEqualTo(1);
		assertThat(plan.count(Kind.DUPLICATE_PAYMENT)).isEqualTo(1);
		assertThat(plan.count(Kind.COUPON)).isEqualTo(20);
		assertThat(plan.count(Kind.COUPON_REFUND)).isEqualTo(10);
		assertThat(plan.count(Kind.ABNORMAL_REFUND)).isEqualTo(1);
		assertThat(plan.count(Kind.CANCEL_RACE)).isEqualTo(1);
		assertThat(plan.count(Kind.PAID_AFTER_CLOSE_NEWER_ATTEMPT)).isEqualTo(1);
		assertThat(plan.count(Kind.OUTAGE_EXPIRY)).isEqualTo(2);
		assertThat(plan.count(Kind.PROMPT)).isEqualTo(1000 - 50 - 30 - 20 - 30 - 50 - 30 - 30 - 3 - 20 - 10 - 3 - 2);
	}

	@Test
	void plansAmountsRefundsAndWrongAmountsWithinTheOrder() {
		for (PlannedOrder order : ScenarioPlan.of(ScenarioSettings.of("1900000001", 2000, 3)).orders()) {
			assertThat(order.amount()).isBetween(100L, 50_000L);
			assertThat(order.merchantOrderNo()).matches("[0-9A-Za-z_-]{4,29}");
			switch (order.kind()) {
				case FULL_REFUND, ABNORMAL_REFUND -> assertThat(order.refundAmount()).isEqualTo(order.amount());
				case PARTIAL_REFUND -> assertThat(order.refundAmount()).isBetween(1L, order.amount() - 1);
				case AMOUNT_MISMATCH -> assertThat(order.wrongAmount()).isBetween(1L, order.amount() - 1);
				case COUPON_REFUND -> {
					assertThat(order.refundAmount()).isEqualTo(order.amount() / 2);
					assertThat(order.couponAmount()).isEqualTo(order.amount() / 5);
					assertThat(order.couponType()).isIn("CASH", "NOCASH");
				}
				case COUPON -> {
					assertThat(order.couponAmount()).isEqualTo(order.amount() / 5).isPositive();
					assertThat(order.couponType()).isEqualTo("NOCASH");
				}
				default -> assertThat(order.refundAmount()).isZero();
			}
			if (!order.kind().withCoupon()) {
				assertThat(order.couponAmount()).isZero();
				assertThat(order.couponType()).isNull();
			}
		}
	}

	@Test
	void takesTheMixFromTheCommandLine() {
		Map<Kind, Double> mix = ScenarioSettings.parseMix("drop=10, duplicate=0,mismatch=2");
		assertThat(mix).containsExactlyInAnyOrderEntriesOf(
				Map.of(Kind.DROPPED_CALLBACK, 10.0, Kind.DUPLICATE_CALLBACK, 0.0, Kind.AMOUNT_MISMATCH, 2.0));
		ScenarioPlan plan = ScenarioPlan.of(ScenarioSettings.of("1900000001", 100, 1).withPercents(mix));
		assertThat(plan.count(Kind.DROPPED_CALLBACK)).isEqualTo(10);
		assertThat(plan.count(Kind.DUPLICATE_CALLBACK)).isZero();
		assertThat(plan.count(Kind.AMOUNT_MISMATCH)).isEqualTo(2);
		assertThatIllegalArgumentException().isThrownBy(() -> ScenarioSettings.parseMix("sometimes=3"));
		assertThatIllegalArgumentException().isThrownBy(() -> ScenarioSettings.parseMix("drop=200"));
	}

}
