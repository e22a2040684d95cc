package io.paytally.stream.intake.order;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OutTradeNosTest {

	private static final String MCHID = "1900000001";

	@Test
	void readableMerchantOrderNumberGetsTheAttemptAppended() {
		assertThat(OutTradeNos.of(MCHID, "ORDER20261123001", 1)).isEqualTo("ORDER20261123001-1");
		assertThat(OutTradeNos.of(MCHID, "ORDER20261123001", 2)).isEqualTo("ORDER20261123001-2");
		assertThat(OutTradeNos.of(MCHID, "a_b-c", 12)).isEqualTo("a_b-c-12");
	}

	@Test
	void isTheSameForTheSameMerchantOrderAndAttempt() {
		assertThat(OutTradeNos.of(MCHID, "订单-1", 3)).isEqualTo(OutTradeNos.of(MCHID, "订单-1", 3));
		assertThat(OutTradeNos.of(MCHID, "ORDER-1", 3)).isEqualTo(OutTradeNos.of(MCHID, "ORDER-1", 3));
	}

	@Test
	void tooShortTooLongOrForeignNumbersGetADigestMarkedWithAStar() {
		String shortOne = OutTradeNos.of(MCHID, "A1", 1);
		String longOne = OutTradeNos.of(MCHID, "X".repeat(30), 1);
		String foreign = OutTradeNos.of(MCHID, "订单 2026/11", 1);
		String withBar = OutTradeNos.of(MCHID, "ORD|2026", 1);

		assertThat(shortOne).matches("[A-Z2-7]{26}\\*1");
		assertThat(longOne).matches("[A-Z2-7]{26}\\*1");
		assertThat(foreign).matches("[A-Z2-7]{26}\\*1");
		assertThat(withBar).matches("[A-Z2-7]{26}\\*1");
		assertThat(Set.of(shortOne, longOne, foreign, withBar)).hasSize(4);
	}

	@Test
	void digestDependsOnTheMerchant() {
		assertThat(OutTradeNos.of("1900000001", "A1", 1)).isNotEqualTo(OutTradeNos.of("1900000002", "A1", 1));
	}

	@Test
	void alwaysFitsWechatLimitsAndNeverRepeats() {
		Set<String> seen = new HashSet<>();
		String[] orders = { "A", "AB", "ABC", "ABCD", "ABCDE", "X".repeat(29), "X".repeat(30), "X".repeat(64), "订单",
				"with space", "a|b|c|d", "a*b*c*d", "ORDER-1", "ORDER", "ORDER-1-1" };
		for (String order : orders) {
			for (int attempt = 1; attempt <= OutTradeNos.MAX_ATTEMPT; attempt++) {
				String outTradeNo = OutTradeNos.of(MCHID, order, attempt);
				assertThat(outTradeNo).matches(OutTradeNos.WECHAT_OUT_TRADE_NO);
				assertThat(seen.add(outTradeNo)).as("%s attempt %d gives a new number", order, attempt).isTrue();
			}
		}
	}

	@Test
	void refusesAttemptsOutsideOneToNinetyNine() {
		assertThatIllegalArgumentException().isThrownBy(() -> OutTradeNos.of(MCHID, "ORDER1", 0));
		assertThatIllegalArgumentException().isThrownBy(() -> OutTradeNos.of(MCHID, "ORDER1", 100));
	}

}
