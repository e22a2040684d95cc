package io.paytally.local.scenario;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import io.paytally.sandbox.OrderTruth;
import io.paytally.sandbox.OrderTruth.RefundTruth;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BillTotalsTest {

	private static final LocalDate DAY = LocalDate.of(2026, 3, 1);

	@Test
	void countsThePaymentsOfTheBeijingDayAndItsRefundsNotClosedByWhenTheyStarted() {
		List<OrderTruth> truths = List.of(
				paid("A", 1250, "2026-03-01T09:15:02+08:00", refund("RA1", 500, "SUCCESS", "2026-03-01T15:30:10+08:00"),
						refund("RA2", 300, "PROCESSING", "2026-03-01T16:00:00+08:00")),
				// 23:59:59 in Beijing, written in UTC: still the day
				paid("B", 800, "2026-03-01T15:59:59Z"),
				// midnight in Beijing: the next day's bill
				paid("C", 900, "2026-03-01T16:00:00Z"),
				// paid the day before, refunded on the day and the day before
				paid("D", 2000, "2026-02-28T10:00:00+08:00", refund("RD1", 700, "SUCCESS", "2026-03-01T08:00:00+08:00"),
						refund("RD2", 100, "SUCCESS", "2026-02-28T23:59:59+08:00")),
				new OrderTruth("1900000001", "E", "NOTPAY", 600, 0, null, null, 0, null, null,
						at("2026-03-01T10:00:00+08:00"), "JSAPI", null),
				paid("F", 0, "2026-03-01T11:00:00+08:00"));
		assertThat(BillTotals.of(truths, DAY)).isEqualTo(new BillTotals(2, 2050, 3, 1500, 2050, 0, 1500));
		assertThat(BillTotals.paidOn(truths, DAY)).extracting(OrderTruth::outTradeNo).containsExactly("A", "B");
	}

	@Test
	void aDayWithoutTradesHasZeroTotals() {
		assertThat(BillTotals.of(List.of(paid("A", 1250, "2026-03-02T09:00:00+08:00")), DAY))
			.isEqualTo(new BillTotals(0, 0, 0, 0, 0, 0, 0));
	}

	private static OrderTruth paid(String outTradeNo, long fen, String successTime, RefundTruth... refunds) {
		long refunded = 0;
		for (RefundTruth refund : refunds) {
			refunded += refund.amount();
		}
		return new OrderTruth("1900000001", outTradeNo, "SUCCESS", fen, fen, "4200" + outTradeNo, at(successTime),
				refunded, List.of(refunds), null, at(successTime).minusMinutes(1), "JSAPI", null);
	}

	private static RefundTruth refund(String outRefundNo, long fen, String status, String createdAt) {
		return new RefundTruth(outRefundNo, "5030" + outRefundNo, fen, status, at(createdAt),
				"SUCCESS".equals(status) ? at(createdAt).plusSeconds(2) : null);
	}

	private static OffsetDateTime at(String time) {
		return OffsetDateTime.parse(time);
	}

}
