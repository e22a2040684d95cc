package io.paytally.sandbox.ledger;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderTest {

	static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-01T09:00:00+08:00");

	@Test
	void closesAnUnpaidOrderAndClosingAgainChangesNothing() {
		Order closed = unpaidOrder().close(NOW);
		assertThat(closed.state()).isEqualTo(TradeState.CLOSED);
		assertThat(closed.closedAt()).isEqualTo(NOW);
		assertThat(closed.close(NOW.plusMinutes(5))).isSameAs(closed);
	}

	@Test
	void refusesToCloseAPaidOrder() {
		assertThatThrownBy(() -> paidOrder().close(NOW)).isInstanceOf(WechatError.OrderPaid.class);
	}

	@Test
	void refusesToPayAClosedOrderUnlessForced() {
		Order closed = unpaidOrder().close(NOW);
		assertThatThrownBy(() -> closed.pay(1250, null, "4200", NOW, false))
			.isInstanceOf(WechatError.OrderClosed.class);
		Order paidAfterClose = closed.pay(1250, null, "4200", NOW.plusMinutes(1), true);
		assertThat(paidAfterClose.state()).isEqualTo(TradeState.SUCCESS);
		assertThat(paidAfterClose.closedAt()).isEqualTo(NOW);
	}

	@Test
	void refusesToPayTwice() {
		assertThatThrownBy(() -> paidOrder().pay(1250, null, "4201", NOW, true))
			.isInstanceOf(WechatError.OrderPaid.class);
	}

	@Test
	void paysADifferentAmountWhenThePayerDoes() {
		Order paid = unpaidOrder().pay(1249, "oPayer", "4200", NOW, false);
		assertThat(paid.paidAmount()).isEqualTo(1249);
		assertThat(paid.total()).isEqualTo(1250);
		assertThat(paid.payerOpenid()).isEqualTo("oPayer");
	}

	@Test
	void refundsNoMoreThanWasPaid() {
		Order refunded = paidOrder().refund(refund("R1", 1000));
		assertThat(refunded.state()).isEqualTo(TradeState.REFUND);
		assertThat(refunded.refunded()).isEqualTo(1000);
		assertThatThrownBy(() -> refunded.refund(refund("R2", 251)))
			.isInstanceOf(WechatError.NotEnoughRefundable.class);
		assertThat(refunded.refund(refund("R2", 250)).refunded()).isEqualTo(1250);
		assertThatThrownBy(() -> unpaidOrder().refund(refund("R3", 1))).isInstanceOf(WechatError.InvalidRequest.class);
	}

	static Refund refund(String outRefundNo, long amount) {
		return new Refund("1900000001", "A0001", "4200", outRefundNo, "5030" + outRefundNo, amount, 1250, null, null,
				"PROCESSING", NOW, null);
	}

	static Order unpaidOrder() {
		return Order.created(new PrepayRequest("1900000001", "wx0000000000demo01", "A0001", "JSAPI", "Demo", null,
				"http://notify", 1250, "CNY", "oDemo", null), "wx1", NOW);
	}

	static Order paidOrder() {
		return unpaidOrder().pay(1250, null, "4200", NOW, false);
	}

}
