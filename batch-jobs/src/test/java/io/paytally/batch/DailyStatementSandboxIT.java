package io.paytally.batch;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.paytally.batch.internal.Beijing;
import io.paytally.batch.schedule.DailyStatementRunner;
import io.paytally.batch.statement.StatementTasklet;
import io.paytally.batch.support.KafkaTopics;
import io.paytally.testkit.MutableClock;
import io.paytally.batch.support.States;
import io.paytally.sandbox.OrderTruth;
import io.paytally.sandbox.Sandbox;
import io.paytally.sandbox.SandboxControl;
import io.paytally.sandbox.SandboxMerchant;
import io.paytally.sandbox.SandboxOptions;
import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.RefundStatus;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import io.paytally.schemas.topics.TopicSettings;
import io.paytally.testkit.KafkaTestBroker;
import io.paytally.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A day played on the sandbox (WeChat's side, bills from its ledger, fetched through the
 * official SDK) against an {@code orders.state} written by the test, with every class of
 * difference planted: the statement names exactly the planted differences, and its totals
 * equal the bill's own summary.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DailyStatementSandboxIT {

	static final String MCHID = "1900000001";

	static final String APPID = "wx0000000000demo01";

	static final LocalDate DAY = LocalDate.of(2026, 11, 21);

	static final MutableClock CLOCK = new MutableClock(Beijing.instant(DAY.atTime(9, 0)));

	KafkaTestBroker broker;

	TestDatabase database;

	Sandbox sandbox;

	ConfigurableApplicationContext context;

	KafkaTopics topics;

	@BeforeAll
	void start() throws Exception {
		this.broker = KafkaTestBroker.start(new TopicSettings(3, (short) 1, 1, Map.of()));
		this.topics = new KafkaTopics(this.broker.bootstrapServers());
		this.database = TestDatabase.create();
		this.sandbox = Sandbox.start(
				SandboxOptions.builder().merchant(MCHID, APPID).timeScale(0.001).clock(CLOCK).billReadyHour(0).build());
		SandboxMerchant merchant = this.sandbox.merchant(MCHID);
		Map<String, Object> properties = new HashMap<>(this.database.springProperties());
		properties.put("spring.kafka.bootstrap-servers", this.broker.bootstrapServers());
		java.nio.file.Path files = java.nio.file.Files.createTempDirectory("daily-statement-sandbox-");
		properties.put("paytally.batch.bill-dir", files.resolve("bills").toString());
		properties.put("paytally.batch.report-dir", files.resolve("reports").toString());
		properties.put("paytally.batch.bill-ready-hour", "0");
		properties.put("paytally.batch.kafka.poll-timeout", "200ms");
		properties.put("paytally.wechat.base-url", this.sandbox.baseUrl().toString());
		properties.put("paytally.wechat.merchants[0].mchid", MCHID);
		properties.put("paytally.wechat.merchants[0].appid", APPID);
		properties.put("paytally.wechat.merchants[0].merchant-serial-number", merchant.merchantSerialNumber());
		properties.put("paytally.wechat.merchants[0].private-key", merchant.privateKeyPem());
		properties.put("paytally.wechat.merchants[0].api-v3-key", merchant.apiV3Key());
		properties.put("paytally.wechat.merchants[0].platform-public-key", this.sandbox.platformPublicKeyPem());
		properties.put("paytally.wechat.merchants[0].platform-public-key-id", this.sandbox.platformPublicKeyId());
		this.context = BatchApplication.builder()
			.sources(SandboxTime.class)
			.web(WebApplicationType.NONE)
			.run(properties.entrySet()
				.stream()
				.map((e) -> "--" + e.getKey() + "=" + e.getValue())
				.toArray(String[]::new));
	}

	@AfterAll
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
		if (this.sandbox != null) {
			this.sandbox.close();
		}
		if (this.broker != null) {
			this.broker.close();
		}
		if (this.database != null) {
			this.database.close();
		}
	}

	@Test
	void statementOfASandboxDayHasExactlyThePlantedDifferences() throws Exception {
		SandboxControl control = this.sandbox.control();
		String notify = "http://127.0.0.1:9/notify";
		// WeChat's side: the day's payments and a refund
		for (String no : List.of("S-P1", "S-P2", "S-P3", "S-ML1", "S-ML2", "S-SM1", "S-DP1a", "S-DP1b")) {
			CLOCK.set(Beijing.instant(paidAt(no)));
			control.createOrder(MCHID, no, amountOf(no), notify);
			control.pay(MCHID, no);
		}
		CLOCK.set(Beijing.instant(paidAt("S-AM1")));
		control.createOrder(MCHID, "S-AM1", 10000, notify);
		control.pay(MCHID, "S-AM1", 9000);
		CLOCK.set(Beijing.instant(DAY.atTime(16, 0)));
		control.refund(MCHID, "S-P2", "S-RF2", 300);
		// a refund paytally never heard of, and one still processing when the bill is cut
		CLOCK.set(Beijing.instant(DAY.atTime(16, 10)));
		control.refund(MCHID, "S-P3", "S-RF3", 1000);
		CLOCK.set(Beijing.instant(DAY.atTime(16, 20)));
		control.refund(MCHID, "S-P1", "S-RF1", 400, "PROCESSING");
		// our side, as the stream would have written it
		this.topics.writeStates(List.of(paid("S-P1", "S-P1"), paid("S-P3", "S-P3"),
				States.paidOrder(MCHID, "S-P2", "S-P2", 2000, paidAt("S-P2"),
						States.refund("S-RF2", 200, DAY.atTime(16, 0))),
				States.pendingOrder(MCHID, "S-ML1", 1800, paidAt("S-ML1").minusMinutes(2)),
				amountMismatch("S-AM1", 10000, 9000, paidAt("S-AM1")),
				States.closedOrder(MCHID, "S-SM1", 4000, paidAt("S-SM1").minusHours(2)), paid("S-DP1a", "S-DUP"),
				paid("S-DP1b", "S-DUP"), States.paidOrder(MCHID, "S-MW1", "S-MW1", 2500, DAY.atTime(10, 30)),
				States.paidOrder(MCHID, "S-HO1", "S-HO1", 1500, DAY.atTime(23, 56))));
		CLOCK.set(Beijing.instant(DAY.plusDays(1).atTime(10, 30)));

		DailyStatementRunner runner = this.context.getBean(DailyStatementRunner.class);
		JobExecution execution = runner.run(MCHID, DAY, DailyStatementRunner.Mode.RUN);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		JdbcTemplate jdbc = this.context.getBean(JdbcTemplate.class);
		assertThat(jdbc.queryForList(
				"SELECT difference_class, out_trade_no FROM recon_difference" + " WHERE mchid = ? AND bill_date = ?",
				MCHID, DAY))
			.extracting((row) -> row.get("difference_class") + " " + row.get("out_trade_no"))
			.containsExactlyInAnyOrder("MISSING_LOCALLY S-ML1", "MISSING_LOCALLY S-ML2", "AMOUNT_MISMATCH S-AM1",
					"STATUS_MISMATCH S-SM1", "DUPLICATE_PAYMENT S-DP1b", "REFUND_MISMATCH S-P2",
					"REFUND_MISSING_LOCALLY S-P3", "REFUND_PROCESSING S-P1", "MISSING_AT_WECHAT S-MW1",
					"HELD_OVER S-HO1");
		DailyStatement statement = StatementTasklet.find(jdbc, MCHID, DAY);
		assertThat(statement.differences()).extracting((c) -> c.differenceClass() + "=" + c.count())
			.containsExactly("MATCHED=4", "MISSING_LOCALLY=2", "MISSING_AT_WECHAT=1", "AMOUNT_MISMATCH=1",
					"STATUS_MISMATCH=1", "REFUND_MISMATCH=1", "REFUND_PROCESSING=1", "REFUND_MISSING_LOCALLY=1",
					"REFUND_ABNORMAL=0", "REFUND_CLOSED=0", "DUPLICATE_PAYMENT=1", "HELD_OVER=1");
		Map<String, Object> summary = jdbc.queryForMap("SELECT total_count, settled_amount, refund_amount,"
				+ " fee_milli_fen FROM bill_summary WHERE mchid = ? AND bill_date = ?", MCHID, DAY);
		assertThat(statement.billPaymentCount()).isEqualTo(9);
		assertThat(statement.billRefundCount()).isEqualTo(3);
		assertThat(statement.billPaymentCount() + statement.billRefundCount())
			.isEqualTo(((Number) summary.get("total_count")).longValue());
		assertThat(statement.billSettledAmount()).isEqualTo(((Number) summary.get("settled_amount")).longValue());
		assertThat(statement.billRefundAmount()).isEqualTo(300 + 1000 + 400)
			.isEqualTo(((Number) summary.get("refund_amount")).longValue());
		assertThat(statement.billFeesMilliFen()).isEqualTo(((Number) summary.get("fee_milli_fen")).longValue());
		assertThat(statement.matchedCount()).isEqualTo(4);
		assertThat(statement.matchedAmount()).isEqualTo(1000 + 2000 + 3000 + 3000);
		assertThat(statement.repairsSent()).isEqualTo(2);
		assertThat(statement.rejectedLines()).isZero();
		List<PaymentNotification> repairs = this.topics.readAll(Topic.PAYMENT_NOTIFICATIONS,
				Serdes.paymentNotification());
		assertThat(repairs).singleElement().satisfies((n) -> {
			assertThat(n.source()).isEqualTo(NotificationSource.BILL);
			assertThat(n.outTradeNo()).isEqualTo("S-ML1");
			assertThat(n.amountTotal()).isEqualTo(1800);
			assertThat(n.transactionId()).isEqualTo(control.groundTruth(MCHID, "S-ML1").transactionId());
		});
		// the refund paytally never heard of, asked at WeChat through the SDK's refund
		// query and sent down the refund notification road as WeChat answered it
		OrderTruth.RefundTruth wechatRefund = control.groundTruth(MCHID, "S-P3")
			.refunds()
			.stream()
			.filter((r) -> r.outRefundNo().equals("S-RF3"))
			.findFirst()
			.orElseThrow();
		assertThat(this.topics.readAll(Topic.REFUND_NOTIFICATIONS, Serdes.refundNotification())).singleElement()
			.satisfies((r) -> {
				assertThat(r.key()).isEqualTo(MCHID + "@S-RF3");
				assertThat(r.orderKey()).isEqualTo(MCHID + "@S-P3");
				assertThat(r.source()).isEqualTo(NotificationSource.BILL);
				assertThat(r.refundStatus()).isEqualTo(RefundStatus.SUCCESS);
				assertThat(r.refundId()).isEqualTo(wechatRefund.refundId());
				assertThat(r.transactionId()).isEqualTo(control.groundTruth(MCHID, "S-P3").transactionId());
				assertThat(r.amountTotal()).isEqualTo(3000);
				assertThat(r.refundAmount()).isEqualTo(1000);
				assertThat(r.payerRefund()).isEqualTo(1000L);
				assertThat(r.successTime()).isNotNull();
			});
		// no anomaly for the repaired refund nor for the one still processing
		assertThat(this.topics.readAll(Topic.ANOMALIES, Serdes.paymentAnomaly()))
			.extracting((a) -> a.type() + " " + a.outTradeNo())
			.containsExactlyInAnyOrder("MISSING_LOCALLY S-ML2", "AMOUNT_MISMATCH S-AM1", "STATUS_MISMATCH S-SM1",
					"DUPLICATE_PAYMENT S-DP1b", "REFUND_MISMATCH S-P2", "MISSING_AT_WECHAT S-MW1");
	}

	static long amountOf(String no) {
		return switch (no) {
			case "S-P1" -> 1000;
			case "S-P2" -> 2000;
			case "S-ML1" -> 1800;
			case "S-ML2" -> 2200;
			case "S-SM1" -> 4000;
			default -> 3000;
		};
	}

	static LocalDateTime paidAt(String no) {
		return switch (no) {
			case "S-P1" -> DAY.atTime(9, 0);
			case "S-P2" -> DAY.atTime(9, 5);
			case "S-P3" -> DAY.atTime(10, 0);
			case "S-ML1" -> DAY.atTime(11, 0);
			case "S-ML2" -> DAY.atTime(11, 30);
			case "S-AM1" -> DAY.atTime(12, 0);
			case "S-SM1" -> DAY.atTime(13, 0);
			case "S-DP1a" -> DAY.atTime(14, 0);
			default -> DAY.atTime(14, 10);
		};
	}

	static OrderPaymentState paid(String no, String merchantOrderNo) {
		return States.paidOrder(MCHID, no, merchantOrderNo, amountOf(no), paidAt(no));
	}

	static OrderPaymentState amountMismatch(String no, long amount, long paid, LocalDateTime at) {
		OrderPaymentState p = States.paidOrder(MCHID, no, no, amount, at);
		return new OrderPaymentState(MCHID, no, no, PaymentStatus.AMOUNT_MISMATCH, amount, "CNY", "Goods",
				p.createdAt(), p.expireAt(), p.transactionId(), p.paidAt(), paid, NotificationSource.CALLBACK_V3, 0,
				List.of(), null, null, 0, 2, p.updatedAt());
	}

	/** Business time shared with the sandbox. */
	// registered as a source, not a @Configuration: component scanning must not find it
	static class SandboxTime {

		@Bean
		@Primary
		Clock sandboxClock() {
			return CLOCK;
		}

	}

}
