package io.paytally.ingest.callback;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.paytally.ingest.support.IngestHarness;
import io.paytally.ingest.support.SandboxMerchants;
import io.paytally.sandbox.CallbackAttempt;
import io.paytally.sandbox.ChaosAction;
import io.paytally.sandbox.OrderTruth;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.RefundNotification;
import io.paytally.schemas.RefundStatus;
import io.paytally.schemas.TradeState;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox plays WeChat Pay: its callbacks for paid orders and refunds arrive on the
 * right topic, once per callback, every field mapped, and the sandbox sees 2xx. Its
 * forgeries (broken signature, wrong key, stale timestamp) are refused and not written.
 */
class SandboxCallbackIT {

	private static final String MCHID = "1900000001";

	private static final String OTHER_MCHID = "1900000002";

	@RegisterExtension
	static final IngestHarness harness = IngestHarness.builder()
		.sandboxMerchant(MCHID, "wx0000000000demo01")
		.sandboxMerchant(OTHER_MCHID, "wx0000000000demo02")
		.build();

	@Test
	void paidOrdersAndRefundsArriveOnTheirTopicsOncePerCallbackWithEveryField() {
		List<String> orders = List.of("SBXPAID0001", "SBXPAID0002", "SBXPAID0003", "SBXPAID0004");
		for (int i = 0; i < orders.size(); i++) {
			harness.placeAndPay(MCHID, orders.get(i), 1000 + i, harness.v3NotifyUrl(MCHID));
		}
		harness.sandbox().control().refund(MCHID, "SBXPAID0001", "SBXREFUND0001", 300);
		harness.sandbox().control().refund(MCHID, "SBXPAID0002", "SBXREFUND0002", 1001);
		harness.awaitCallbacksSettled(Duration.ofSeconds(60));

		List<CallbackAttempt> attempts = harness.sandbox()
			.control()
			.callbacks(null)
			.stream()
			.filter((a) -> a.outTradeNo().startsWith("SBXPAID"))
			.toList();
		assertThat(attempts).hasSize(6).allSatisfy((attempt) -> {
			assertThat(attempt.status()).isEqualTo(200);
			assertThat(attempt.attempt()).isEqualTo(1);
		});
		Map<String, String> paymentIds = attempts.stream()
			.filter((a) -> a.eventType().equals("TRANSACTION.SUCCESS"))
			.collect(Collectors.toMap(CallbackAttempt::outTradeNo, CallbackAttempt::id));
		Map<String, String> refundIds = attempts.stream()
			.filter((a) -> a.eventType().equals("REFUND.SUCCESS"))
			.collect(Collectors.toMap(CallbackAttempt::outRefundNo, CallbackAttempt::id));

		List<KeyValue<String, PaymentNotification>> payments = harness.broker()
			.readAll(Topic.PAYMENT_NOTIFICATIONS, Serdes.paymentNotification(), 4, Duration.ofSeconds(30))
			.stream()
			.filter((kv) -> kv.value.outTradeNo().startsWith("SBXPAID"))
			.toList();
		assertThat(payments).hasSize(4);
		for (KeyValue<String, PaymentNotification> record : payments) {
			PaymentNotification payment = record.value;
			String outTradeNo = payment.outTradeNo();
			assertThat(record.key).isEqualTo(MCHID + "@" + outTradeNo);
			OrderTruth truth = harness.sandbox().control().groundTruth(MCHID, outTradeNo);
			assertThat(payment).usingRecursiveComparison()
				.ignoringFields("receivedAt", "bankType")
				.isEqualTo(new PaymentNotification(paymentIds.get(outTradeNo), NotificationSource.CALLBACK_V3, MCHID,
						"wx0000000000demo01", outTradeNo, truth.transactionId(), TradeState.SUCCESS, "JSAPI", null,
						truth.amountTotal(), truth.paidAmount(), "CNY", truth.successTime().toInstant(), null,
						Instant.EPOCH));
			assertThat(payment.bankType()).isNotBlank();
			assertThat(payment.receivedAt()).isNotNull();
		}
		assertThat(payments).extracting((kv) -> kv.key)
			.containsExactlyInAnyOrderElementsOf(
					orders.stream().map((outTradeNo) -> MCHID + "@" + outTradeNo).toList());

		List<KeyValue<String, RefundNotification>> refunds = harness.broker()
			.readAll(Topic.REFUND_NOTIFICATIONS, Serdes.refundNotification(), 2, Duration.ofSeconds(30));
		assertThat(refunds).hasSize(2);
		for (KeyValue<String, RefundNotification> record : refunds) {
			RefundNotification refund = record.value;
			String outRefundNo = refund.outRefundNo();
			assertThat(record.key).isEqualTo(MCHID + "@" + outRefundNo);
			OrderTruth truth = harness.sandbox().control().groundTruth(MCHID, refund.outTradeNo());
			OrderTruth.RefundTruth refundTruth = truth.refunds()
				.stream()
				.filter((r) -> r.outRefundNo().equals(outRefundNo))
				.findFirst()
				.orElseThrow();
			assertThat(refund).usingRecursiveComparison()
				.ignoringFields("receivedAt")
				.isEqualTo(new RefundNotification(refundIds.get(outRefundNo), NotificationSource.CALLBACK_V3, MCHID,
						truth.outTradeNo(), truth.transactionId(), outRefundNo, refundTruth.refundId(),
						RefundStatus.SUCCESS, truth.amountTotal(), refundTruth.amount(), truth.paidAmount(),
						refundTruth.amount(), refundTruth.successTime().toInstant(), Instant.EPOCH));
		}
		assertThat(refunds).extracting((kv) -> kv.key)
			.containsExactlyInAnyOrder(MCHID + "@SBXREFUND0001", MCHID + "@SBXREFUND0002");
	}

	@Test
	void sandboxForgeriesAreRefusedAndOnlyTheGenuineCallbackIsWritten() {
		Map<ChaosAction, String> orders = Map.of(ChaosAction.FORGE_SIGNATURE, "SBXFORGED001", ChaosAction.WRONG_KEY,
				"SBXFORGED002", ChaosAction.STALE_TIMESTAMP, "SBXFORGED003");
		orders.forEach((action, outTradeNo) -> {
			SandboxMerchants.prepay(harness.sandbox(), MCHID, outTradeNo, 500, harness.v3NotifyUrl(MCHID));
			harness.sandbox().control().chaos(MCHID, outTradeNo, action, 1);
			harness.sandbox().control().pay(MCHID, outTradeNo);
		});
		harness.awaitCallbacksSettled(Duration.ofSeconds(60));

		orders.forEach((action, outTradeNo) -> {
			List<CallbackAttempt> attempts = harness.sandbox().control().callbacks(outTradeNo);
			assertThat(attempts).extracting(CallbackAttempt::forged, CallbackAttempt::status)
				.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(action.name(), 401),
						org.assertj.core.groups.Tuple.tuple(null, 200));
		});
		List<KeyValue<String, PaymentNotification>> payments = harness.broker()
			.readAll(Topic.PAYMENT_NOTIFICATIONS, Serdes.paymentNotification(), 7, Duration.ofSeconds(30));
		assertThat(payments.stream().filter((kv) -> kv.value.outTradeNo().startsWith("SBXFORGED")).map((kv) -> kv.key))
			.containsExactlyInAnyOrder(MCHID + "@SBXFORGED001", MCHID + "@SBXFORGED002", MCHID + "@SBXFORGED003");
	}

	@Test
	void twoMerchantsPayingTheSameOrderNumberGetOneRecordEachUnderTheirOwnKey() {
		SandboxMerchants.prepay(harness.sandbox(), MCHID, "SBXSAME0001", 700, harness.v3NotifyUrl(MCHID));
		SandboxMerchants.prepay(harness.sandbox(), OTHER_MCHID, "SBXSAME0001", 800, harness.v3NotifyUrl(OTHER_MCHID));
		harness.sandbox().control().pay(MCHID, "SBXSAME0001");
		harness.sandbox().control().pay(OTHER_MCHID, "SBXSAME0001");
		harness.awaitCallbacksSettled(Duration.ofSeconds(60));

		List<KeyValue<String, PaymentNotification>> same = harness.broker()
			.readAll(Topic.PAYMENT_NOTIFICATIONS, Serdes.paymentNotification(), 2, Duration.ofSeconds(30))
			.stream()
			.filter((kv) -> kv.value.outTradeNo().equals("SBXSAME0001"))
			.toList();
		assertThat(same).extracting((kv) -> kv.key, (kv) -> kv.value.mchid(), (kv) -> kv.value.amountTotal())
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("1900000001@SBXSAME0001", MCHID, 700L),
					org.assertj.core.groups.Tuple.tuple("1900000002@SBXSAME0001", OTHER_MCHID, 800L));
	}

}
