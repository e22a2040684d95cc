package io.paytally.batch.repair;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.paytally.batch.DailyStatementProperties;
import io.paytally.batch.internal.Beijing;
import io.paytally.batch.internal.JobDay;
import io.paytally.batch.internal.Publisher;
import io.paytally.schemas.AnomalyType;
import io.paytally.schemas.DifferenceClass;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.RefundNotification;
import io.paytally.schemas.SuggestedAction;
import io.paytally.schemas.TradeState;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Step 5: a WeChat success for an order we know but show as PENDING or CHECKING is sent
 * to {@code wxpay.payment-notifications} with source BILL (when repairs are on); a
 * successful refund paytally never heard of (REFUND_MISSING_LOCALLY) is asked at WeChat
 * through the SDK and WeChat's answer sent to {@code wxpay.refund-notifications} with
 * source BILL, the road of every refund notification; every other difference (HELD_OVER,
 * REFUND_PROCESSING, REFUND_ABNORMAL and REFUND_CLOSED aside: the statement shows them,
 * the stream reported an abnormal or closed refund when it heard of it) becomes a
 * {@link PaymentAnomaly} on {@code orders.anomalies}. What was sent is kept in
 * {@code recon_sent}, so a restart or re-run of the date sends nothing twice (a send
 * repeated after a crash is harmless: the stream ignores a repeated success and anomalies
 * carry stable ids). Both are keyed by the record's {@code key()},
 * {@code mchid@out_trade_no}, like every order-keyed topic.
 */
public final class RepairTasklet implements Tasklet {

	static final String REPAIR = "REPAIR";

	static final String ANOMALY = "ANOMALY";

	private static final Set<String> REPAIRABLE_STATES = Set.of("PENDING", "CHECKING");

	private static final Logger logger = LoggerFactory.getLogger(RepairTasklet.class);

	private final JdbcTemplate jdbc;

	private final Publisher publisher;

	private final DailyStatementProperties properties;

	private final Clock clock;

	private final RefundLookup refunds;

	public RepairTasklet(JdbcTemplate jdbc, Publisher publisher, DailyStatementProperties properties, Clock clock,
			RefundLookup refunds) {
		this.refunds = refunds;
		this.jdbc = jdbc;
		this.publisher = publisher;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		JobDay day = JobDay.of(contribution.getStepExecution());
		Instant now = this.clock.instant();
		List<Difference> differences = this.jdbc.query("SELECT d.difference_class, d.out_trade_no, d.out_refund_no,"
				+ " d.merchant_order_no, d.related_out_trade_no, d.local_status, d.local_amount, d.bill_amount,"
				+ " d.bill_refund_amount, d.local_refund_amount, b.appid, b.transaction_id, b.trade_type, b.bank_type,"
				+ " b.currency, b.order_amount, b.coupon_amount, b.trade_time, b.attach, d.bill_state,"
				+ " d.local_refund_status"
				+ " FROM recon_difference d LEFT JOIN bill_line b ON b.mchid = d.mchid AND b.bill_date = d.bill_date"
				+ " AND b.line_no = d.bill_line_no WHERE d.mchid = ? AND d.bill_date = ?"
				+ " AND d.difference_class NOT IN ('HELD_OVER', 'REFUND_PROCESSING', 'REFUND_ABNORMAL', 'REFUND_CLOSED') AND NOT EXISTS (SELECT 1 FROM recon_sent s"
				+ " WHERE s.mchid = d.mchid AND s.bill_date = d.bill_date AND s.difference_class = d.difference_class"
				+ " AND s.item_key = COALESCE(d.out_refund_no, d.out_trade_no))"
				+ " ORDER BY d.difference_class, d.out_trade_no, d.out_refund_no", this::difference, day.mchid(),
				day.billDate());
		Publisher.Batch<PaymentNotification> repairs = this.publisher.batch(Topic.PAYMENT_NOTIFICATIONS,
				Serdes.paymentNotification());
		Publisher.Batch<PaymentAnomaly> anomalies = this.publisher.batch(Topic.ANOMALIES, Serdes.paymentAnomaly());
		Publisher.Batch<RefundNotification> refundRepairs = this.publisher.batch(Topic.REFUND_NOTIFICATIONS,
				Serdes.refundNotification());
		List<Object[]> sent = new ArrayList<>();
		LocalDateTime sentAt = Beijing.local(now);
		for (Difference d : differences) {
			boolean repair = this.properties.repairsEnabled() && d.differenceClass == DifferenceClass.MISSING_LOCALLY
					&& d.localStatus != null && REPAIRABLE_STATES.contains(d.localStatus);
			RefundNotification refund = (this.properties.repairsEnabled()
					&& d.differenceClass == DifferenceClass.REFUND_MISSING_LOCALLY) ? refundAtWechat(day, d, now)
							: null;
			if (refund != null) {
				repair = true;
				refundRepairs.send(refund.key(), refund);
				logger.info("Repair of refund {} of {} sent: WeChat says {} ({} fen)", d.outRefundNo, d.outTradeNo,
						refund.refundStatus(), refund.refundAmount());
			}
			else if (repair) {
				PaymentNotification notification = notification(day, d, now);
				repairs.send(notification.key(), notification);
				logger.info("Repair of {} sent: WeChat's bill shows it paid ({} fen)", d.outTradeNo, d.orderAmount);
			}
			else {
				PaymentAnomaly anomaly = anomaly(day, d, now);
				anomalies.send(anomaly.key(), anomaly);
				logger.info("Anomaly {} of {} sent", d.differenceClass, d.outTradeNo);
			}
			sent.add(new Object[] { day.mchid(), day.billDate(), repair ? REPAIR : ANOMALY, d.differenceClass.name(),
					d.itemKey(), sentAt });
		}
		int repaired = repairs.await() + refundRepairs.await();
		int reported = anomalies.await();
		if (!sent.isEmpty()) {
			this.jdbc.batchUpdate("INSERT INTO recon_sent (mchid, bill_date, kind, difference_class, item_key, sent_at)"
					+ " VALUES (?, ?, ?, ?, ?, ?)", sent);
		}
		contribution.incrementWriteCount(sent.size());
		logger.info("Repairs of {} for {}: {} notifications, {} anomalies sent", day.mchid(), day.billDate(), repaired,
				reported);
		return RepeatStatus.FINISHED;
	}

	/**
	 * WeChat's refund, asked through the SDK: sent down the refund notification road when
	 * WeChat knows it for this order; null (an anomaly instead) when it does not, or
	 * cannot be asked now.
	 */
	private RefundNotification refundAtWechat(JobDay day, Difference d, Instant now) {
		try {
			return this.refunds.find(day.mchid(), d.outRefundNo, now)
				.filter((r) -> r.outTradeNo().equals(d.outTradeNo))
				.orElse(null);
		}
		catch (RuntimeException ex) {
			logger.warn("Refund {} of {} could not be asked at WeChat, reported instead: {}", d.outRefundNo,
					d.outTradeNo, ex.toString());
			return null;
		}
	}

	private Difference difference(ResultSet rs, int row) throws SQLException {
		return new Difference(DifferenceClass.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
				rs.getString(4), rs.getString(5), rs.getString(6), (Long) rs.getObject(7, Long.class),
				(Long) rs.getObject(8, Long.class), (Long) rs.getObject(9, Long.class),
				(Long) rs.getObject(10, Long.class), rs.getString(11), rs.getString(12), rs.getString(13),
				rs.getString(14), rs.getString(15), (Long) rs.getObject(16, Long.class),
				(Long) rs.getObject(17, Long.class), rs.getObject(18, LocalDateTime.class), rs.getString(19),
				rs.getString(20), rs.getString(21));
	}

	private static PaymentNotification notification(JobDay day, Difference d, Instant now) {
		long total = d.orderAmount;
		long coupon = (d.couponAmount != null) ? d.couponAmount : 0L;
		return new PaymentNotification("bill:" + day.mchid() + ":" + day.billDate() + ":" + d.outTradeNo,
				NotificationSource.BILL, day.mchid(), d.appid, d.outTradeNo, d.transactionId, TradeState.SUCCESS,
				d.tradeType, d.bankType, total, total - coupon, (d.currency != null) ? d.currency : "CNY",
				Beijing.instant(d.tradeTime), d.attach, now);
	}

	private static PaymentAnomaly anomaly(JobDay day, Difference d, Instant now) {
		AnomalyType type;
		SuggestedAction action;
		String detail;
		Long expected = d.localAmount;
		Long actual = d.billAmount;
		switch (d.differenceClass) {
			case MISSING_LOCALLY -> {
				type = AnomalyType.MISSING_LOCALLY;
				action = (d.localStatus == null) ? SuggestedAction.REVIEW : SuggestedAction.FULFIL_OR_REFUND;
				detail = (d.localStatus == null) ? "WeChat's bill has a payment for an order paytally does not know"
						: "WeChat's bill has a payment that paytally shows as " + d.localStatus;
			}
			case MISSING_AT_WECHAT -> {
				type = AnomalyType.MISSING_AT_WECHAT;
				action = SuggestedAction.REVIEW;
				detail = "paytally shows a payment that WeChat's bills of the day and the day before do not have";
				actual = null;
			}
			case AMOUNT_MISMATCH -> {
				type = AnomalyType.AMOUNT_MISMATCH;
				action = SuggestedAction.REVIEW;
				detail = "WeChat's bill has a different amount than the order";
			}
			case STATUS_MISMATCH -> {
				type = AnomalyType.STATUS_MISMATCH;
				action = SuggestedAction.FULFIL_OR_REFUND;
				detail = "WeChat's bill has a payment for an order paytally shows as " + d.localStatus;
			}
			case REFUND_MISMATCH -> {
				type = AnomalyType.REFUND_MISMATCH;
				action = SuggestedAction.REVIEW;
				detail = "Refund " + d.outRefundNo + " differs: the bill has " + d.billRefundAmount + " fen "
						+ d.billState + ", paytally " + d.localRefundAmount + " fen " + d.localRefundStatus;
				expected = d.localRefundAmount;
				actual = d.billRefundAmount;
			}
			case REFUND_MISSING_LOCALLY -> {
				type = AnomalyType.REFUND_MISSING_LOCALLY;
				action = SuggestedAction.REVIEW;
				detail = "WeChat's bill has refund " + d.outRefundNo + " of " + d.billRefundAmount
						+ " fen that paytally never heard of: check the order's refunds";
				expected = null;
				actual = d.billRefundAmount;
			}
			case DUPLICATE_PAYMENT -> {
				type = AnomalyType.DUPLICATE_PAYMENT;
				action = SuggestedAction.REFUND;
				detail = "Merchant order " + d.merchantOrderNo + " was paid twice";
			}
			default -> throw new IllegalArgumentException("Not an anomaly: " + d.differenceClass);
		}
		return new PaymentAnomaly(
				"daily-statement:" + day.mchid() + ":" + day.billDate() + ":" + d.differenceClass + ":" + d.itemKey(),
				type, day.mchid(), d.outTradeNo, d.merchantOrderNo, d.relatedOutTradeNo, expected, actual, action,
				detail, "daily-statement", now);
	}

	private record Difference(DifferenceClass differenceClass, String outTradeNo, String outRefundNo,
			String merchantOrderNo, String relatedOutTradeNo, String localStatus, Long localAmount, Long billAmount,
			Long billRefundAmount, Long localRefundAmount, String appid, String transactionId, String tradeType,
			String bankType, String currency, Long orderAmount, Long couponAmount, LocalDateTime tradeTime,
			String attach, String billState, String localRefundStatus) {

		String itemKey() {
			return (this.outRefundNo != null) ? this.outRefundNo : this.outTradeNo;
		}

	}

}
