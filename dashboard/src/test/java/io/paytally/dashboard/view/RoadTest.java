package io.paytally.dashboard.view;

import java.time.Instant;
import java.util.List;

import io.paytally.dashboard.view.Road.Said;
import io.paytally.dashboard.view.Road.Way;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderPaymentState.Refund;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.RefundStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The road of each transition and WeChat's word on it, from the version before and the
 * version itself.
 */
class RoadTest {

	private static final Instant CREATED = Instant.parse("2026-12-01T02:00:00Z");

	private static final Instant EXPIRE = CREATED.plusSeconds(600);

	private static final Transition PENDING = version(1, PaymentStatus.PENDING, CREATED, 0, List.of());

	private static final Transition CHECKING = version(2, PaymentStatus.CHECKING, EXPIRE, 1, List.of());

	private static final Transition PAID = paid(PENDING, NotificationSource.CALLBACK_V3);

	@Test
	void firstVersionIsTheMerchantsPaymentRequest() {
		assertThat(Road.of(null, PENDING, EXPIRE)).isEqualTo(new Road(Way.MERCHANT, Said.ORDER_CREATED, null));
	}

	@Test
	void aFirstSeenVersionAfterTheFirstHasAnUnknownRoad() {
		assertThat(Road.of(null, CHECKING, EXPIRE)).isEqualTo(new Road(Way.UNKNOWN, Said.UNKNOWN, null));
	}

	@Test
	void toCheckingAtTimeExpireIsTheExpiryWithNothingFromWeChatYet() {
		assertThat(Road.of(PENDING, CHECKING, EXPIRE)).isEqualTo(new Road(Way.EXPIRY, Said.NOTHING_YET, null));
	}

	@Test
	void toCheckingBeforeTimeExpireIsTheMerchantsCancellation() {
		Transition cancelled = version(2, PaymentStatus.CHECKING, EXPIRE.minusSeconds(60), 1, List.of());

		assertThat(Road.of(PENDING, cancelled, EXPIRE)).isEqualTo(new Road(Way.MERCHANT, Said.NOTHING_YET, null));
	}

	@Test
	void aCheckingVersionWithOneMoreCheckIsARecheckWithoutAFinalAnswer() {
		Transition again = version(3, PaymentStatus.CHECKING, EXPIRE.plusSeconds(30), 2, List.of());

		assertThat(Road.of(CHECKING, again, EXPIRE)).isEqualTo(new Road(Way.RECHECK, Said.NO_FINAL_ANSWER, null));
	}

	@Test
	void aPaymentComesByItsSourceWithWeChatsSuccessAndPaidAmount() {
		assertThat(Road.of(PENDING, PAID, EXPIRE)).isEqualTo(new Road(Way.CALLBACK_V3, Said.SUCCESS, 12345L));
		assertThat(Road.of(PENDING, paid(PENDING, NotificationSource.CALLBACK_V2), EXPIRE))
			.isEqualTo(new Road(Way.CALLBACK_V2, Said.SUCCESS, 12345L));
		assertThat(Road.of(CHECKING, paid(CHECKING, NotificationSource.ACTIVE_QUERY), EXPIRE))
			.isEqualTo(new Road(Way.ACTIVE_QUERY, Said.SUCCESS, 12345L));
		Transition closed = closed(CHECKING, "expired");
		assertThat(Road.of(closed, paid(closed, NotificationSource.BILL), EXPIRE))
			.isEqualTo(new Road(Way.BILL, Said.SUCCESS, 12345L));
	}

	@Test
	void aPaymentOfAnotherAmountIsStillWeChatsSuccessOfWhatWasPaid() {
		Transition mismatch = new Transition(2, PaymentStatus.AMOUNT_MISMATCH, CREATED.plusSeconds(40),
				NotificationSource.CALLBACK_V3, CREATED.plusSeconds(30), 100L, 0, 0, "4200000001", null, 0, List.of());

		assertThat(Road.of(PENDING, mismatch, EXPIRE)).isEqualTo(new Road(Way.CALLBACK_V3, Said.SUCCESS, 100L));
	}

	@Test
	void aClosedOrderComesByItsCloseReason() {
		assertThat(Road.of(CHECKING, closed(CHECKING, "expired"), EXPIRE))
			.isEqualTo(new Road(Way.ACTIVE_QUERY, Said.NOTPAY_CLOSED, null));
		assertThat(Road.of(CHECKING, closed(CHECKING, "cancelled"), EXPIRE))
			.isEqualTo(new Road(Way.MERCHANT, Said.CLOSED, null));
		assertThat(Road.of(CHECKING, closed(CHECKING, "never placed at WeChat"), EXPIRE))
			.isEqualTo(new Road(Way.ACTIVE_QUERY, Said.ORDER_NOT_EXIST, null));
		assertThat(Road.of(PENDING, closed(PENDING, "closed at WeChat"), EXPIRE))
			.isEqualTo(new Road(Way.UNKNOWN, Said.CLOSED, null));
		assertThat(Road.of(CHECKING, closed(CHECKING, "a reason of a later stream-app"), EXPIRE))
			.isEqualTo(new Road(Way.UNKNOWN, Said.UNKNOWN, null));
	}

	@Test
	void aNewRefundIsARefundNotificationWithItsStatusAndAmount() {
		for (RefundStatus status : RefundStatus.values()) {
			Transition refunded = refunded(PAID, List.of(new Refund("R1", "5030000001", 2000, status, null)));

			assertThat(Road.of(PAID, refunded, EXPIRE)).as(status.name())
				.isEqualTo(new Road(Way.REFUND_NOTIFICATION, Said.valueOf("REFUND_" + status.name()), 2000L));
		}
	}

	@Test
	void aRefundWhoseStatusChangedIsARefundNotificationWithItsNewStatus() {
		Refund first = new Refund("R1", "5030000001", 2000, RefundStatus.SUCCESS, CREATED.plusSeconds(200));
		Transition processing = refunded(PAID,
				List.of(first, new Refund("R2", "5030000002", 3000, RefundStatus.PROCESSING, null)));
		Transition abnormal = refunded(processing,
				List.of(first, new Refund("R2", "5030000002", 3000, RefundStatus.ABNORMAL, null)));

		assertThat(Road.of(processing, abnormal, EXPIRE))
			.isEqualTo(new Road(Way.REFUND_NOTIFICATION, Said.REFUND_ABNORMAL, 3000L));
	}

	@Test
	void aRefundOfAnOrderShownUnpaidIsTheRefundNotificationNotTheCheckItStarts() {
		Transition refundedUnpaid = version(2, PaymentStatus.CHECKING, CREATED.plusSeconds(100), 1,
				List.of(new Refund("R1", "5030000001", 12345, RefundStatus.SUCCESS, CREATED.plusSeconds(90))));

		assertThat(Road.of(PENDING, refundedUnpaid, EXPIRE))
			.isEqualTo(new Road(Way.REFUND_NOTIFICATION, Said.REFUND_SUCCESS, 12345L));
	}

	@Test
	void refundsThatDoNotTellWhichChangedHaveAnUnknownRoad() {
		Transition two = refunded(PAID, List.of(new Refund("R1", "5030000001", 2000, RefundStatus.SUCCESS, null),
				new Refund("R2", "5030000002", 3000, RefundStatus.SUCCESS, null)));
		Transition storedBeforeTheRefundList = new Transition(3, PaymentStatus.PARTIALLY_REFUNDED,
				CREATED.plusSeconds(300), NotificationSource.CALLBACK_V3, CREATED.plusSeconds(30), 12345L, 2000, 1,
				"4200000001", null, 0, null);

		assertThat(Road.of(PAID, two, EXPIRE)).isEqualTo(new Road(Way.UNKNOWN, Said.UNKNOWN, null));
		assertThat(Road.of(PAID, storedBeforeTheRefundList, EXPIRE))
			.isEqualTo(new Road(Way.UNKNOWN, Said.UNKNOWN, null));
	}

	@Test
	void anythingElseHasAnUnknownRoad() {
		Transition repeated = new Transition(3, PaymentStatus.PAID, CREATED.plusSeconds(500),
				NotificationSource.CALLBACK_V3, CREATED.plusSeconds(30), 12345L, 0, 0, "4200000001", null, 0,
				List.of());
		Transition pendingAgain = version(2, PaymentStatus.PENDING, CREATED.plusSeconds(10), 0, List.of());

		assertThat(Road.of(PAID, repeated, EXPIRE)).isEqualTo(new Road(Way.UNKNOWN, Said.UNKNOWN, null));
		assertThat(Road.of(PENDING, pendingAgain, EXPIRE)).isEqualTo(new Road(Way.UNKNOWN, Said.UNKNOWN, null));
	}

	private static Transition version(long version, PaymentStatus status, Instant at, int checks,
			List<Refund> refunds) {
		return new Transition(version, status, at, null, null, null, 0, refunds.size(), null, null, checks, refunds);
	}

	private static Transition paid(Transition before, NotificationSource source) {
		return new Transition(before.version() + 1, PaymentStatus.PAID, before.at().plusSeconds(40), source,
				CREATED.plusSeconds(30), 12345L, 0, 0, "4200000001", before.closeReason(), before.expiryChecks(),
				List.of());
	}

	private static Transition closed(Transition before, String reason) {
		return new Transition(before.version() + 1, PaymentStatus.CLOSED, before.at().plusSeconds(5), null, null, null,
				0, 0, null, reason, before.expiryChecks(), List.of());
	}

	private static Transition refunded(Transition before, List<Refund> refunds) {
		long succeeded = refunds.stream()
			.filter((refund) -> refund.status() == RefundStatus.SUCCESS)
			.mapToLong(Refund::amount)
			.sum();
		PaymentStatus status = (succeeded == 0) ? PaymentStatus.PAID : PaymentStatus.PARTIALLY_REFUNDED;
		return new Transition(before.version() + 1, status, before.at().plusSeconds(100), before.paidSource(),
				before.paidAt(), before.paidAmount(), succeeded, refunds.size(), before.transactionId(), null,
				before.expiryChecks(), refunds);
	}

}
