package io.paytally.ingest.callback;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

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
import io.paytally.schemas.topics.Topic;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The sandbox plays WeChat Pay for a merchant still on legacy v2 callbacks: its XML
 * payment callbacks (MD5 under the API v2 key) and refund callbacks ({@code req_info})
 * reach notify-ingest's v2 endpoint and become the same records as v3 ones, a duplicate
 * is written again under the same key, and a forged one is refused while the genuine one
 * that follows is accepted.
 */
class SandboxV2CallbackIT {

	private static final String MCHID = "1900000008";

	private static final String APPID = "wx0000000000demo08";

	@RegisterExtension
	static final IngestHarness harness = IngestHarness.builder().v2SandboxMerchant(MCHID, APPID).build();

	@Test
	void v2PaymentsAndRefundsArriveAsTheSameRecordsAsV3OnesAndForgeriesAreRefused() {
		String notifyUrl = harness.v2NotifyUrl(MCHID);
		SandboxMerchants.prepay(harness.sandbox(), MCHID, "SBXV2PAID0001", 1250, notifyUrl);
		SandboxMerchants.prepay(harness.sandbox(), MCHID, "SBXV2PAID0002", 800, notifyUrl);
		harness.sandbox().control().chaos(MCHID, "SBXV2PAID0001", ChaosAction.DUPLICATE, 1);
		harness.sandbox().control().chaos(MCHID, "SBXV2PAID0002", ChaosAction.FORGE_SIGNATURE, 1);
		harness.sandbox().control().pay(MCHID, "SBXV2PAID0001");
		harness.sandbox().control().pay(MCHID, "SBXV2PAID0002");
		harness.awaitCallbacksSettled(Duration.ofSeconds(30));
		harness.sandbox().control().refund(MCHID, "SBXV2PAID0001", "RSBXV2REFUND0001", 500);
		harness.awaitCallbacksSettled(Duration.ofSeconds(30));

		assertThat(harness.sandbox().control().callbacks(null))
			.extracting(CallbackAttempt::outTradeNo, CallbackAttempt::eventType, CallbackAttempt::status,
					CallbackAttempt::forged)
			.containsExactlyInAnyOrder(tuple("SBXV2PAID0001", "TRANSACTION.SUCCESS", 200, null),
					tuple("SBXV2PAID0001", "TRANSACTION.SUCCESS", 200, null),
					tuple("SBXV2PAID0002", "TRANSACTION.SUCCESS", 401, "FORGE_SIGNATURE"),
					tuple("SBXV2PAID0002", "TRANSACTION.SUCCESS", 200, null),
					tuple("SBXV2PAID0001", "REFUND.SUCCESS", 200, null));

		List<KeyValue<String, PaymentNotification>> payments = harness.broker()
			.readAll(Topic.PAYMENT_NOTIFICATIONS, 3, Duration.ofSeconds(10));
		assertThat(payments).extracting((record) -> record.key)
			.containsExactlyInAnyOrder(MCHID + "@SBXV2PAID0001", MCHID + "@SBXV2PAID0001", MCHID + "@SBXV2PAID0002");
		for (KeyValue<String, PaymentNotification> record : payments) {
			PaymentNotification payment = record.value;
			OrderTruth truth = harness.sandbox().control().groundTruth(MCHID, payment.outTradeNo());
			assertThat(payment.source()).isEqualTo(NotificationSource.CALLBACK_V2);
			assertThat(payment.tradeState()).isEqualTo(TradeState.SUCCESS);
			assertThat(payment.appid()).isEqualTo(APPID);
			assertThat(payment.transactionId()).isEqualTo(truth.transactionId());
			assertThat(payment.amountTotal()).isEqualTo(truth.paidAmount());
			assertThat(payment.payerTotal()).isEqualTo(truth.paidAmount());
			// time_end has whole seconds, Beijing time
			assertThat(payment.successTime())
				.isEqualTo(truth.successTime().toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
			assertThat(payment.tradeType()).isEqualTo("JSAPI");
		}
		List<KeyValue<String, RefundNotification>> refunds = harness.broker()
			.readAll(Topic.REFUND_NOTIFICATIONS, 1, Duration.ofSeconds(10));
		assertThat(refunds).singleElement().satisfies((record) -> {
			assertThat(record.key).isEqualTo(MCHID + "@RSBXV2REFUND0001");
			RefundNotification refund = record.value;
			OrderTruth truth = harness.sandbox().control().groundTruth(MCHID, "SBXV2PAID0001");
			assertThat(refund.source()).isEqualTo(NotificationSource.CALLBACK_V2);
			assertThat(refund.outTradeNo()).isEqualTo("SBXV2PAID0001");
			assertThat(refund.transactionId()).isEqualTo(truth.transactionId());
			assertThat(refund.refundStatus()).isEqualTo(RefundStatus.SUCCESS);
			assertThat(refund.amountTotal()).isEqualTo(1250);
			assertThat(refund.refundAmount()).isEqualTo(500);
			assertThat(truth.refundedAmount()).isEqualTo(500);
		});
	}

}
