package io.paytally.dashboard.web;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.paytally.dashboard.view.DueOrder;
import io.paytally.dashboard.view.MinuteFigures;
import io.paytally.dashboard.view.OrderView;
import io.paytally.dashboard.view.Road;
import io.paytally.dashboard.view.Transition;
import io.paytally.dashboard.view.Views;
import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.DifferenceClass;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.StatementRun;

/**
 * The JSON the page reads: amounts already in yuan (exact, from fen), times in Beijing
 * time, plus the raw fen where the page computes (the chart).
 */
final class Pages {

	private Pages() {
	}

	record Overview(String now, String mchid, List<String> merchants, List<Minute> minutes, Totals totals,
			Map<PaymentStatus, Long> byStatus, Due due) {

	}

	record Minute(String start, String label, long created, long paid, long amountPaidFen, String amountPaid,
			long closed, long refunds, String amountRefunded, long anomalies) {

		static Minute of(MinuteFigures figures) {
			return new Minute(figures.windowStart().toString(), BeijingTime.minute(figures.windowStart()),
					figures.ordersCreated(), figures.ordersPaid(), figures.amountPaid(),
					Money.yuan(figures.amountPaid()), figures.ordersClosed(), figures.refunds(),
					Money.yuan(figures.amountRefunded()), figures.anomalies());
		}

	}

	record Totals(long created, long paid, String amountPaid, long closed, long refunds, String amountRefunded,
			String successRate) {

		static Totals of(List<MinuteFigures> minutes) {
			long created = 0;
			long paid = 0;
			long amountPaid = 0;
			long closed = 0;
			long refunds = 0;
			long amountRefunded = 0;
			for (MinuteFigures minute : minutes) {
				created += minute.ordersCreated();
				paid += minute.ordersPaid();
				amountPaid += minute.amountPaid();
				closed += minute.ordersClosed();
				refunds += minute.refunds();
				amountRefunded += minute.amountRefunded();
			}
			return new Totals(created, paid, Money.yuan(amountPaid), closed, refunds, Money.yuan(amountRefunded),
					Money.percent(paid, created));
		}

	}

	record Due(long count, long withinMinutes, List<DueRow> soonest) {

	}

	record DueRow(String mchid, String outTradeNo, PaymentStatus status, String expireAt) {

		static DueRow of(DueOrder order) {
			return new DueRow(order.order().mchid(), order.order().number(), order.status(),
					BeijingTime.dateTime(order.expireAt()));
		}

	}

	record Anomalies(Map<String, Long> counts, long total, List<AnomalyRow> items) {

	}

	record AnomalyRow(String id, boolean open, String type, String mchid, String outTradeNo, String merchantOrderNo,
			String relatedOutTradeNo, String expectedAmount, String actualAmount, String action, String detail,
			String detectedBy, String detectedAt) {

		static AnomalyRow of(PaymentAnomaly anomaly) {
			return new AnomalyRow(anomaly.anomalyId(), Views.isOpen(anomaly), anomaly.type().name(), anomaly.mchid(),
					anomaly.outTradeNo(), anomaly.merchantOrderNo(), anomaly.relatedOutTradeNo(),
					Money.yuan(anomaly.expectedAmount()), Money.yuan(anomaly.actualAmount()), anomaly.action().name(),
					anomaly.detail(), anomaly.detectedBy(), BeijingTime.dateTime(anomaly.detectedAt()));
		}

	}

	record Order(String mchid, String outTradeNo, String merchantOrderNo, PaymentStatus status, String amount,
			String description, String createdAt, String expireAt, String paidAt, String paidAmount, String paidSource,
			String transactionId, String refunded, String closedAt, String closeReason, long version,
			List<Step> transitions) {

		static Order of(OrderView view) {
			OrderPaymentState state = view.state();
			List<Step> steps = new ArrayList<>();
			Transition previous = null;
			for (Transition transition : view.transitions()) {
				steps.add(Step.of(transition, Road.of(previous, transition, state.expireAt())));
				previous = transition;
			}
			return new Order(state.mchid(), state.outTradeNo(), state.merchantOrderNo(), state.status(),
					Money.yuan(state.amountTotal()), state.description(), BeijingTime.dateTime(state.createdAt()),
					BeijingTime.dateTime(state.expireAt()), BeijingTime.dateTime(state.paidAt()),
					Money.yuan(state.paidAmount()), (state.paidSource() != null) ? state.paidSource().name() : null,
					state.transactionId(), Money.yuan(state.refundedAmount()), BeijingTime.dateTime(state.closedAt()),
					state.closeReason(), state.version(), steps);
		}

	}

	record Step(long version, PaymentStatus status, String at, String paidSource, String paidAt, String paidAmount,
			String refunded, int refunds, String closeReason, int expiryChecks, Road.Way road, Road.Said wechat,
			String wechatAmount) {

		static Step of(Transition transition, Road road) {
			return new Step(transition.version(), transition.status(), BeijingTime.dateTime(transition.at()),
					(transition.paidSource() != null) ? transition.paidSource().name() : null,
					BeijingTime.dateTime(transition.paidAt()), Money.yuan(transition.paidAmount()),
					Money.yuan(transition.refundedAmount()), transition.refunds(), transition.closeReason(),
					transition.expiryChecks(), road.way(), road.wechat(), Money.yuan(road.amount()));
		}

	}

	record Statement(String mchid, LocalDate billDate, boolean clean, long billPayments, String billSettled,
			long billRefunds, String billRefunded, String fees, long localPayments, String localPaid, long matched,
			String matchedAmount, String netSettlement, List<Difference> differences, long rejectedLines,
			long repairsSent, String generatedAt, Map<String, String> reports, StatementRunRow run) {

		static Statement of(DailyStatement statement, Map<String, String> reports, StatementRunRow run) {
			List<Difference> differences = new ArrayList<>();
			boolean clean = statement.rejectedLines() == 0;
			for (DailyStatement.ClassTotal total : statement.differences()) {
				differences
					.add(new Difference(total.differenceClass().name(), total.count(), Money.yuan(total.amount())));
				if (isDifference(total.differenceClass()) && total.count() > 0) {
					clean = false;
				}
			}
			return new Statement(statement.mchid(), statement.billDate(), clean, statement.billPaymentCount(),
					Money.yuan(statement.billSettledAmount()), statement.billRefundCount(),
					Money.yuan(statement.billRefundAmount()), Money.yuanFromMilliFen(statement.billFeesMilliFen()),
					statement.localPaymentCount(), Money.yuan(statement.localPaidAmount()), statement.matchedCount(),
					Money.yuan(statement.matchedAmount()), Money.yuanFromMilliFen(statement.netSettlementMilliFen()),
					differences, statement.rejectedLines(), statement.repairsSent(),
					BeijingTime.dateTime(statement.generatedAt()), reports, run);
		}

		/** Matched and held-over payments are not differences to look at. */
		static boolean isDifference(DifferenceClass differenceClass) {
			return differenceClass != DifferenceClass.MATCHED && differenceClass != DifferenceClass.HELD_OVER;
		}

	}

	/**
	 * A request to run a statement and where it stands; times in Beijing time.
	 */
	record StatementRunRow(String mchid, LocalDate billDate, String status, String requestId, String requestedBy,
			String requestedAt, int attempt, String reason, String nextAttemptAt, String updatedAt) {

		static StatementRunRow of(StatementRun run) {
			if (run == null) {
				return null;
			}
			return new StatementRunRow(run.mchid(), run.billDate(), run.status().name(), run.requestId(),
					run.requestedBy(), BeijingTime.dateTime(run.requestedAt()), run.attempt(), run.reason(),
					(run.nextAttemptAt() != null) ? BeijingTime.dateTime(run.nextAttemptAt()) : null,
					BeijingTime.dateTime(run.updatedAt()));
		}

	}

	record Difference(String differenceClass, long count, String amount) {

	}

	static Map<String, String> reportLinks(Path reportsDir, DailyStatement statement) {
		Map<String, String> links = new LinkedHashMap<>();
		if (reportsDir == null) {
			return links;
		}
		for (String file : ReportFilesController.FILES) {
			if (reportsDir.resolve(statement.mchid())
				.resolve(statement.billDate().toString())
				.resolve(file)
				.toFile()
				.isFile()) {
				links.put(file, "/reports/" + statement.mchid() + "/" + statement.billDate() + "/" + file);
			}
		}
		return links;
	}

	static String now(Instant now) {
		return BeijingTime.dateTime(now);
	}

}
