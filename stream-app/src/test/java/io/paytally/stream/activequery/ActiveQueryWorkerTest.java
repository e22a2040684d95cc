package io.paytally.stream.activequery;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.SendResult;

import io.paytally.schemas.AnomalyType;
import io.paytally.schemas.ExpiryCheck;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentAnomaly;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.SuggestedAction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class ActiveQueryWorkerTest {

	static final Instant NOW = Instant.parse("2026-03-01T02:00:00Z");

	@SuppressWarnings("unchecked")
	final KafkaOperations<String, Object> kafka = mock(KafkaOperations.class);

	final ActiveQueryWorker worker = new ActiveQueryWorker(null, this.kafka, Clock.fixed(NOW, ZoneOffset.UTC),
			OrderStates.NONE);

	@Test
	void reportsARefusedQueryOnceAsQueryFailedKeyedByTheMerchantsOrder() {
		when(this.kafka.send(anyString(), anyString(), any()))
			.thenReturn(CompletableFuture.completedFuture((SendResult<String, Object>) null));

		this.worker.onDeadLetter(expiredCheck(3), "query of PT1 answered 401 SIGN_ERROR invalid signature",
				"org.springframework.kafka.listener.ListenerExecutionFailedException", WechatRefused.class.getName());

		ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
		verify(this.kafka).send(eq("orders.anomalies"), eq("1900000001@PT1"), sent.capture());
		assertThat(sent.getValue()).isInstanceOfSatisfying(PaymentAnomaly.class, (a) -> {
			assertThat(a.anomalyId()).isEqualTo("QUERY_FAILED:1900000001@PT1");
			assertThat(a.type()).isEqualTo(AnomalyType.QUERY_FAILED);
			assertThat(a.action()).isEqualTo(SuggestedAction.REVIEW);
			assertThat(a.detail()).contains("401 SIGN_ERROR", "check 3");
			assertThat(a.detectedAt()).isEqualTo(NOW);
		});
	}

	@Test
	void leavesAnUnansweredQueryToTheStateMachinesRechecks() {
		this.worker.onDeadLetter(expiredCheck(3), "query of PT1 answered 500 SYSTEM_ERROR",
				"org.springframework.kafka.listener.ListenerExecutionFailedException",
				WechatUnavailable.class.getName());

		verify(this.kafka, never()).send(anyString(), anyString(), any());
	}

	static ExpiryCheck expiredCheck(int attempt) {
		return new ExpiryCheck("1900000001", "PT1", ExpiryCheck.Reason.EXPIRED, NOW.minusSeconds(900),
				NOW.minusSeconds(60), attempt, NOW.minusSeconds(30));
	}

	@Test
	void asksWechatNothingAboutAnOrderPaidInTheMeantime() {
		ActiveQueryWorker worker = workerSeeing(state(PaymentStatus.PAID, 3));

		worker.onCheck(expiredCheck(3));

		verify(this.kafka, never()).send(anyString(), anyString(), any());
	}

	@Test
	void asksWechatNothingForACheckThatANewerOneSuperseded() {
		ActiveQueryWorker worker = workerSeeing(state(PaymentStatus.CHECKING, 4));

		worker.onCheck(expiredCheck(3));

		verify(this.kafka, never()).send(anyString(), anyString(), any());
	}

	private ActiveQueryWorker workerSeeing(OrderPaymentState state) {
		// no ActiveQuery: asking WeChat would fail the test
		return new ActiveQueryWorker(null, this.kafka, Clock.fixed(NOW, ZoneOffset.UTC),
				(mchid, outTradeNo) -> Optional.of(state));
	}

	static OrderPaymentState state(PaymentStatus status, int expiryChecks) {
		return new OrderPaymentState("1900000001", "PT1", "SO-1", status, 1250, "CNY", "Demo", NOW.minusSeconds(900),
				NOW.minusSeconds(60), null, null, null, null, 0, List.of(), null, null, expiryChecks, 2 + expiryChecks,
				NOW.minusSeconds(30));
	}

}
