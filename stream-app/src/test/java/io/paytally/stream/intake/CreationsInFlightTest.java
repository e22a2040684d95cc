package io.paytally.stream.intake;

import java.time.Instant;

import io.paytally.schemas.OrderEvent;
import io.paytally.stream.intake.order.PaymentOrder;
import io.paytally.stream.intake.prepay.TradeType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CreationsInFlightTest {

	private static final String MCHID = "1900000001";

	private static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");

	private static final Instant EXPIRE = NOW.plusSeconds(70);

	private final CreationsInFlight inFlight = new CreationsInFlight();

	@Test
	void holdsACreationOfTheSameDataUntilItsTimeExpire() {
		this.inFlight.publishing(created("SO-1", 1250, "Demo A"), NOW);

		assertThat(this.inFlight.holds(order("SO-1", 1250, "Demo A"), "SO-1-1", EXPIRE, NOW.plusSeconds(20))).isTrue();
		assertThat(this.inFlight.holds(order("SO-1", 999, "Demo A"), "SO-1-1", EXPIRE, NOW.plusSeconds(20))).isFalse();
		assertThat(this.inFlight.holds(order("SO-1", 1250, "Demo B"), "SO-1-1", EXPIRE, NOW.plusSeconds(20))).isFalse();
		assertThat(this.inFlight.holds(order("SO-1", 1250, "Demo A"), "SO-1-1", EXPIRE.plusSeconds(1),
				NOW.plusSeconds(20)))
			.isFalse();
		assertThat(this.inFlight.holds(order("SO-1", 1250, "Demo A"), "SO-1-2", EXPIRE, NOW.plusSeconds(20))).isFalse();
		assertThat(this.inFlight.holds(order("SO-1", 1250, "Demo A"), "SO-1-1", EXPIRE, EXPIRE)).isFalse();
	}

	@Test
	void forgetsACreationTheStoreShows() {
		this.inFlight.publishing(created("SO-1", 1250, "Demo A"), NOW);

		this.inFlight.applied(MCHID, "SO-1-1");

		assertThat(this.inFlight.holds(order("SO-1", 1250, "Demo A"), "SO-1-1", EXPIRE, NOW)).isFalse();
		assertThat(this.inFlight.size()).isZero();
	}

	@Test
	void forgetsExpiredCreationsAndMakesRoomByForgettingTheOldest() {
		this.inFlight.publishing(OrderEvent.created(MCHID, "SO-OLD-1", "SO-OLD", 1250, "Demo A", NOW.minusSeconds(600),
				NOW.minusSeconds(300)), NOW.minusSeconds(600));
		for (int i = 0; i < CreationsInFlight.MAX + 1; i++) {
			this.inFlight.publishing(created("SO-" + i, 1250, "Demo A"), NOW);
		}

		assertThat(this.inFlight.size()).isEqualTo(CreationsInFlight.MAX);
		assertThat(this.inFlight.holds(order("SO-0", 1250, "Demo A"), "SO-0-1", EXPIRE, NOW)).isFalse();
		assertThat(this.inFlight.holds(order("SO-1", 1250, "Demo A"), "SO-1-1", EXPIRE, NOW)).isTrue();
	}

	private static OrderEvent created(String merchantOrderNo, long amount, String description) {
		return OrderEvent.created(MCHID, merchantOrderNo + "-1", merchantOrderNo, amount, description, NOW, EXPIRE);
	}

	private static PaymentOrder order(String merchantOrderNo, long amount, String description) {
		return new PaymentOrder(MCHID, merchantOrderNo, amount, description, TradeType.NATIVE, null, EXPIRE);
	}

}
