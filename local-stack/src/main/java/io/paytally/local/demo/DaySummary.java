package io.paytally.local.demo;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.paytally.schemas.Yuan;
import io.paytally.local.scenario.DayResult.AnomalyKey;
import io.paytally.local.scenario.DayVerdict;
import io.paytally.local.scenario.Expectations;
import io.paytally.local.scenario.ScenarioSettings;
import io.paytally.sandbox.OrderTruth;
import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.PaymentStatus;

/**
 * The short summary printed at the end of the demo.
 */
final class DaySummary {

	private static final int MAX_PROBLEMS = 30;

	private final PrintStream out;

	DaySummary(PrintStream out) {
		this.out = out;
	}

	void print(ScenarioSettings settings, DayVerdict verdict, Path report, Duration total) {
		List<OrderTruth> truths = verdict.day().truths();
		Map<PaymentStatus, Long> byStatus = new EnumMap<>(PaymentStatus.class);
		long paidAmount = 0;
		long refundedAmount = 0;
		long refunds = 0;
		for (OrderTruth truth : truths) {
			PaymentStatus status = Expectations.expectedStatus(truth);
			if (status != null) {
				byStatus.merge(status, 1L, Long::sum);
			}
			paidAmount += truth.paidAmount();
			refundedAmount += Expectations.refundedSuccessfully(truth);
			refunds += (truth.refunds() != null) ? truth.refunds().size() : 0;
		}
		long paid = byStatus.getOrDefault(PaymentStatus.PAID, 0L)
				+ byStatus.getOrDefault(PaymentStatus.PARTIALLY_REFUNDED, 0L)
				+ byStatus.getOrDefault(PaymentStatus.REFUNDED, 0L);
		this.out.println();
		this.out.println("Summary of merchant " + settings.mchid());
		this.out.printf("  merchant orders   %d (%d payment orders at WeChat), numbers %s-*%n", settings.orders(),
				truths.size(), settings.orderPrefix());
		this.out.printf("  paid              %d orders, %s yuan (of which %d partly and %d fully refunded)%n", paid,
				Yuan.of(paidAmount), byStatus.getOrDefault(PaymentStatus.PARTIALLY_REFUNDED, 0L),
				byStatus.getOrDefault(PaymentStatus.REFUNDED, 0L));
		this.out.printf("  closed            %d orders, never paid or paid too late%n",
				byStatus.getOrDefault(PaymentStatus.CLOSED, 0L));
		this.out.printf("  refunded          %d refunds, %s yuan%n", refunds, Yuan.of(refundedAmount));
		this.out.printf("  amount mismatch   %d orders%n", byStatus.getOrDefault(PaymentStatus.AMOUNT_MISMATCH, 0L));
		this.out.printf("  forged callbacks  %d sent, %d refused%n", verdict.day().forgedSent(),
				verdict.day().forgedRefused());
		Map<String, Integer> anomalies = new TreeMap<>();
		for (AnomalyKey key : verdict.anomalies()) {
			anomalies.merge(key.type(), 1, Integer::sum);
		}
		this.out.printf("  anomalies         %s%n", anomalies.isEmpty() ? "none" : anomalies);
		DailyStatement statement = verdict.statement();
		if (statement != null) {
			this.out.printf("  statement %s  bill: %d payments %s yuan, %d refunds %s yuan, fees %s yuan%n",
					statement.billDate(), statement.billPaymentCount(), Yuan.of(statement.billSettledAmount()),
					statement.billRefundCount(), Yuan.of(statement.billRefundAmount()),
					Yuan.ofMilliFen(statement.billFeesMilliFen()));
			this.out.printf("                    orders %s yuan of which coupons %s yuan; refunds asked %s yuan%n",
					Yuan.of(statement.billOrderAmount()), Yuan.of(statement.billCouponAmount()),
					Yuan.of(statement.billRefundRequestedAmount()));
			this.out.printf("                    matched %d (%s yuan), net settlement %s yuan%n",
					statement.matchedCount(), Yuan.of(statement.matchedAmount()),
					Yuan.ofMilliFen(statement.netSettlementMilliFen()));
			StringBuilder classes = new StringBuilder();
			for (DailyStatement.ClassTotal difference : statement.differences()) {
				if (difference.count() > 0 && !"MATCHED".equals(difference.differenceClass().name())) {
					classes.append(difference.differenceClass())
						.append(' ')
						.append(difference.count())
						.append(" (")
						.append(Yuan.of(difference.amount()))
						.append(" yuan)  ");
				}
			}
			this.out.printf("  differences       %s%n", (classes.length() > 0) ? classes.toString().trim() : "none");
		}
		else {
			this.out.println("  statement         none was made");
		}
		this.out.printf("  report            %s%n", Files.isDirectory(report) ? report : report + " (not written)");
		this.out.printf("  time              %d s in all (the day: %d s)%n", total.toSeconds(),
				verdict.day().duration().toSeconds());
		this.out.println();
		if (verdict.agrees()) {
			this.out.printf(
					"OK (%s): all %d payment orders agree with WeChat's ground truth, the anomalies are exactly the %d "
							+ "planted, and the statement's totals equal the bill's.%n",
					settings.mchid(), truths.size(), verdict.day().plantedAnomalies().size());
		}
		else {
			this.out.printf("DIFFERENCES (%s): %d%n", settings.mchid(), verdict.problems().size());
			verdict.problems().stream().limit(MAX_PROBLEMS).forEach((problem) -> this.out.println("  " + problem));
			if (verdict.problems().size() > MAX_PROBLEMS) {
				this.out.printf("  ... and %d more%n", verdict.problems().size() - MAX_PROBLEMS);
			}
		}
	}

}
