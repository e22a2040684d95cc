package io.paytally.batch.snapshot;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.paytally.batch.internal.Beijing;
import io.paytally.schemas.MerchantKey;
import io.paytally.schemas.OrderPaymentState;

/**
 * The columns of {@code order_state} and {@code order_refund} that one
 * {@code orders.state} record gives, times as Beijing local times in whole seconds (what
 * the tables hold).
 */
final class OrderStateRow {

	/** A time that is not there. */
	static final long NO_TIME = Long.MIN_VALUE;

	private static final ZoneRules RULES = Beijing.ZONE.getRules();

	/** From this instant on (epoch seconds) Beijing's offset no longer changes. */
	private static final long FIXED_SINCE;

	private static final int FIXED_OFFSET;

	static {
		List<ZoneOffsetTransition> transitions = RULES.getTransitions();
		if (RULES.getTransitionRules().isEmpty() && !transitions.isEmpty()) {
			ZoneOffsetTransition last = transitions.get(transitions.size() - 1);
			FIXED_SINCE = last.toEpochSecond();
			FIXED_OFFSET = last.getOffsetAfter().getTotalSeconds();
		}
		else {
			FIXED_SINCE = Long.MAX_VALUE;
			FIXED_OFFSET = 0;
		}
	}

	String mchid;

	String outTradeNo;

	String merchantOrderNo;

	String status;

	long amountTotal;

	Long paidAmount;

	String transactionId;

	long paidAt = NO_TIME;

	String paidSource;

	long refundedAmount;

	long closedAt = NO_TIME;

	long version;

	long updatedAt = NO_TIME;

	/** One per out_refund_no, the last one seen. */
	final Map<String, Refund> refunds = new LinkedHashMap<>(2);

	/**
	 * One refund of the order.
	 *
	 * @param closedAt when a CLOSED refund was closed, as far as the snapshot knows: the
	 * update time of the first record it read with the refund CLOSED (a REFUND.CLOSED
	 * notification has no success_time, and {@code orders.state} keeps no other time for
	 * it); {@link #NO_TIME} for a refund not CLOSED
	 */
	record Refund(String outRefundNo, String refundId, long amount, String status, long successTime, long closedAt) {

		Refund(String outRefundNo, String refundId, long amount, String status, long successTime) {
			this(outRefundNo, refundId, amount, status, successTime, NO_TIME);
		}

		boolean isClosed() {
			return "CLOSED".equals(this.status);
		}

		LocalDateTime successTimeLocal() {
			return local(this.successTime);
		}

		LocalDateTime closedAtLocal() {
			return local(this.closedAt);
		}

	}

	/** The order's key: its merchant and out_trade_no. */
	MerchantKey key() {
		return MerchantKey.of(this.mchid, this.outTradeNo);
	}

	void addRefund(Refund refund) {
		if (refund.outRefundNo() != null) {
			this.refunds.put(refund.outRefundNo(), refund);
		}
	}

	/**
	 * Gives each CLOSED refund this record's update time as its closing time, or the one
	 * an earlier record of the same order already gave it.
	 * @param earlier the order's record read before this one, or {@code null}
	 * @return this row
	 */
	OrderStateRow stampClosedRefunds(OrderStateRow earlier) {
		for (Map.Entry<String, Refund> entry : this.refunds.entrySet()) {
			Refund refund = entry.getValue();
			if (!refund.isClosed()) {
				continue;
			}
			Refund before = (earlier != null) ? earlier.refunds.get(entry.getKey()) : null;
			long closedAt = (before != null && before.isClosed() && before.closedAt() != NO_TIME) ? before.closedAt()
					: this.updatedAt;
			entry.setValue(new Refund(refund.outRefundNo(), refund.refundId(), refund.amount(), refund.status(),
					refund.successTime(), closedAt));
		}
		return this;
	}

	List<Refund> refunds() {
		return new ArrayList<>(this.refunds.values());
	}

	/** The row of a state decoded by the schema's serde. */
	static OrderStateRow of(OrderPaymentState state) {
		OrderStateRow row = new OrderStateRow();
		row.mchid = state.mchid();
		row.outTradeNo = state.outTradeNo();
		row.merchantOrderNo = state.merchantOrderNo();
		row.status = state.status().name();
		row.amountTotal = state.amountTotal();
		row.paidAmount = state.paidAmount();
		row.transactionId = state.transactionId();
		row.paidAt = localSeconds(state.paidAt());
		row.paidSource = (state.paidSource() != null) ? state.paidSource().name() : null;
		row.refundedAmount = state.refundedAmount();
		row.closedAt = localSeconds(state.closedAt());
		row.version = state.version();
		row.updatedAt = localSeconds(state.updatedAt());
		for (OrderPaymentState.Refund refund : state.refunds()) {
			row.addRefund(new Refund(refund.outRefundNo(), refund.refundId(), refund.amount(),
					(refund.status() != null) ? refund.status().name() : null, localSeconds(refund.successTime())));
		}
		return row.stampClosedRefunds(null);
	}

	/** Beijing local time of an instant, in seconds from 1970-01-01T00:00:00 local. */
	static long localSeconds(Instant instant) {
		return (instant != null) ? localSeconds(instant.getEpochSecond()) : NO_TIME;
	}

	/** Beijing local time of an instant, in seconds from 1970-01-01T00:00:00 local. */
	static long localSeconds(long epochSecond) {
		if (epochSecond >= FIXED_SINCE) {
			return epochSecond + FIXED_OFFSET;
		}
		return epochSecond + RULES.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
	}

	/** A local time in seconds as a {@code LocalDateTime}; {@code null} if not there. */
	static LocalDateTime local(long localSeconds) {
		return (localSeconds != NO_TIME) ? LocalDateTime.ofEpochSecond(localSeconds, 0, ZoneOffset.UTC) : null;
	}

}
