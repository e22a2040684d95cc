package io.paytally.stream.intake.order;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentStatus;

/**
 * A merchant order with the payment orders made for it so far (attempt 1, 2, ... in
 * order), and the rule that says where a request to pay it goes.
 */
public final class MerchantOrder {

	private final String mchid;

	private final String merchantOrderNo;

	private final List<OrderPaymentState> attempts;

	public MerchantOrder(String mchid, String merchantOrderNo, List<OrderPaymentState> attempts) {
		this.mchid = Objects.requireNonNull(mchid, "mchid");
		this.merchantOrderNo = Objects.requireNonNull(merchantOrderNo, "merchantOrderNo");
		this.attempts = List.copyOf(attempts);
	}

	public String mchid() {
		return this.mchid;
	}

	public String merchantOrderNo() {
		return this.merchantOrderNo;
	}

	/** The payment orders, attempt 1 first. */
	public List<OrderPaymentState> attempts() {
		return this.attempts;
	}

	/**
	 * Where a request to pay this merchant order goes.
	 * <ul>
	 * <li>a paid attempt: refused, {@link AlreadyPaid};</li>
	 * <li>an attempt WeChat paid with another amount: refused,
	 * {@link PaymentUnderReview};</li>
	 * <li>no attempt yet: attempt 1 is created;</li>
	 * <li>other data than the current attempt's: refused,
	 * {@link PaymentDataConflict};</li>
	 * <li>the current attempt pending and payable: that attempt again, with its own
	 * creation and expiry times;</li>
	 * <li>the current attempt expired or being checked: refused for now,
	 * {@link AttemptClosing};</li>
	 * <li>the current attempt closed: the next attempt is created (up to
	 * {@code maxAttempts}).</li>
	 * </ul>
	 * @param order the valid request
	 * @param now the current time
	 * @param defaultPayablePeriod how long a new order stays payable when the request
	 * does not say
	 * @param maxAttempts the most payment orders a merchant order may have
	 * @return the attempt to prepay at WeChat
	 */
	public Attempt pay(PaymentOrder order, Instant now, Duration defaultPayablePeriod, int maxAttempts) {
		for (OrderPaymentState state : this.attempts) {
			if (isPaid(state.status())) {
				throw new AlreadyPaid(this.merchantOrderNo, state.outTradeNo());
			}
			if (state.status() == PaymentStatus.AMOUNT_MISMATCH) {
				throw new PaymentUnderReview(this.merchantOrderNo, state.outTradeNo());
			}
		}
		if (this.attempts.isEmpty()) {
			return newAttempt(1, order, now, defaultPayablePeriod);
		}
		OrderPaymentState current = this.attempts.get(this.attempts.size() - 1);
		int attempt = this.attempts.size();
		checkSameData(order, current);
		switch (current.status()) {
			case PENDING -> {
				if (order.timeExpire() != null && current.expireAt() != null
						&& !order.timeExpire().equals(current.expireAt())) {
					throw new PaymentDataConflict(current.outTradeNo(),
							"merchant order " + this.merchantOrderNo + " has payment order " + current.outTradeNo()
									+ " with time_expire " + current.expireAt() + ", not " + order.timeExpire());
				}
				if (current.expireAt() != null && !now.isBefore(current.expireAt())) {
					throw new AttemptClosing(this.merchantOrderNo, current.outTradeNo(),
							"expired at " + current.expireAt());
				}
				Instant createdAt = (current.createdAt() != null) ? current.createdAt() : now;
				Instant expireAt = (current.expireAt() != null) ? current.expireAt()
						: createdAt.plus(defaultPayablePeriod);
				return new Attempt(attempt, current.outTradeNo(), createdAt, expireAt, false);
			}
			case CHECKING ->
				throw new AttemptClosing(this.merchantOrderNo, current.outTradeNo(), "expired or was cancelled unpaid");
			case CLOSED -> {
				if (attempt >= maxAttempts) {
					throw new AttemptsExhausted(this.merchantOrderNo, attempt);
				}
				return newAttempt(attempt + 1, order, now, defaultPayablePeriod);
			}
			default ->
				throw new IllegalStateException("payment order " + current.outTradeNo() + " is " + current.status());
		}
	}

	private Attempt newAttempt(int attempt, PaymentOrder order, Instant now, Duration defaultPayablePeriod) {
		Instant createdAt = now.truncatedTo(ChronoUnit.SECONDS);
		Instant expireAt = (order.timeExpire() != null) ? order.timeExpire() : createdAt.plus(defaultPayablePeriod);
		return new Attempt(attempt, OutTradeNos.of(this.mchid, this.merchantOrderNo, attempt), createdAt, expireAt,
				true);
	}

	private void checkSameData(PaymentOrder order, OrderPaymentState current) {
		List<String> differences = new ArrayList<>();
		if (!this.mchid.equals(current.mchid())) {
			differences.add("mchid " + current.mchid());
		}
		if (current.amountTotal() > 0 && current.amountTotal() != order.amount()) {
			differences.add("amount " + current.amountTotal() + " fen");
		}
		if (current.description() != null && !current.description().equals(order.description())) {
			differences.add("description \"" + current.description() + "\"");
		}
		if (!differences.isEmpty()) {
			throw new PaymentDataConflict(current.outTradeNo(),
					"merchant order " + this.merchantOrderNo + " was already ordered with other data: payment order "
							+ current.outTradeNo() + " has " + String.join(", ", differences));
		}
	}

	public static boolean isPaid(PaymentStatus status) {
		return status == PaymentStatus.PAID || status == PaymentStatus.PARTIALLY_REFUNDED
				|| status == PaymentStatus.REFUNDED;
	}

}
