package io.paytally.dashboard.view;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentStatus;

/**
 * By which road an order's transition came and what WeChat said on it, derived from the
 * version before it and the version itself (the state keeps no more than that, so what it
 * cannot tell is {@link Way#UNKNOWN}, never a guess).
 *
 * @param way the road the transition came by
 * @param wechat what WeChat said
 * @param amount the amount WeChat's word names in fen (the payment's, the refund's), if
 * any
 */
public record Road(Way way, Said wechat, Long amount) {

	/** stream-app's close reason of an order that expired unpaid (closed at WeChat). */
	static final String CLOSED_EXPIRED = "expired";

	/** stream-app's close reason of an order the merchant cancelled unpaid. */
	static final String CLOSED_CANCELLED = "cancelled";

	/** stream-app's close reason of an order WeChat never heard of. */
	static final String CLOSED_NEVER_PLACED = "never placed at WeChat";

	/** stream-app's close reason of an order WeChat reported closed while not checked. */
	static final String CLOSED_AT_WECHAT = "closed at WeChat";

	private static final Road UNKNOWN = new Road(Way.UNKNOWN, Said.UNKNOWN, null);

	public Road {
		Objects.requireNonNull(way, "way");
		Objects.requireNonNull(wechat, "wechat");
	}

	/** The road a transition came by. */
	public enum Way {

		/** The merchant: the payment request (intake), or a cancellation. */
		MERCHANT,

		/** time_expire passed: the stream asks WeChat. */
		EXPIRY,

		/** The stream asks WeChat again: the last check brought no final answer. */
		RECHECK,

		/** A WeChat Pay API v3 payment callback. */
		CALLBACK_V3,

		/** A legacy WeChat Pay API v2 payment callback. */
		CALLBACK_V2,

		/** The answer to the stream's active query. */
		ACTIVE_QUERY,

		/** A repair from a line of WeChat's trade bill. */
		BILL,

		/**
		 * A refund's notification: its callback or the bill's repair (the state does not
		 * keep which).
		 */
		REFUND_NOTIFICATION,

		/** Not derivable from the two versions. */
		UNKNOWN

	}

	/** What WeChat said on a transition. */
	public enum Said {

		/** The payment order was created (the merchant's request). */
		ORDER_CREATED,

		/** Nothing yet: WeChat is being asked. */
		NOTHING_YET,

		/** No final answer to the last check (none, or not paid yet). */
		NO_FINAL_ANSWER,

		/** SUCCESS: paid. */
		SUCCESS,

		/** NOTPAY, then closed at WeChat. */
		NOTPAY_CLOSED,

		/** CLOSED. */
		CLOSED,

		/** ORDER_NOT_EXIST: WeChat never heard of the order. */
		ORDER_NOT_EXIST,

		/** The refund succeeded. */
		REFUND_SUCCESS,

		/** The refund is being processed. */
		REFUND_PROCESSING,

		/** The refund could not reach the payer. */
		REFUND_ABNORMAL,

		/** The refund was closed. */
		REFUND_CLOSED,

		/** Not derivable from the two versions. */
		UNKNOWN

	}

	/**
	 * The road of a transition and WeChat's word on it.
	 * @param previous the version before it, {@code null} when none was seen
	 * @param current the version the transition made
	 * @param expireAt the order's time_expire, {@code null} if unknown
	 * @return the road and WeChat's word; {@link Way#UNKNOWN} when the versions do not
	 * tell
	 */
	public static Road of(Transition previous, Transition current, Instant expireAt) {
		if (previous == null) {
			return (current.version() == 1 && current.status() == PaymentStatus.PENDING)
					? new Road(Way.MERCHANT, Said.ORDER_CREATED, null) : UNKNOWN;
		}
		if (previous.paidSource() == null && current.paidSource() != null) {
			return new Road(Way.valueOf(current.paidSource().name()), Said.SUCCESS, current.paidAmount());
		}
		if (previous.refunds() != current.refunds() || refundsDiffer(previous, current)) {
			return refundRoad(previous, current);
		}
		if (current.status() == PaymentStatus.CLOSED && previous.status() != PaymentStatus.CLOSED) {
			return closedRoad(current.closeReason());
		}
		if (current.status() == PaymentStatus.CHECKING && previous.status() != PaymentStatus.CHECKING) {
			if (expireAt == null || current.at() == null) {
				return new Road(Way.UNKNOWN, Said.NOTHING_YET, null);
			}
			return new Road(current.at().isBefore(expireAt) ? Way.MERCHANT : Way.EXPIRY, Said.NOTHING_YET, null);
		}
		if (current.status() == PaymentStatus.CHECKING && previous.status() == PaymentStatus.CHECKING
				&& current.expiryChecks() > previous.expiryChecks()) {
			return new Road(Way.RECHECK, Said.NO_FINAL_ANSWER, null);
		}
		return UNKNOWN;
	}

	private static boolean refundsDiffer(Transition previous, Transition current) {
		return previous.refundList() != null && current.refundList() != null
				&& !previous.refundList().equals(current.refundList());
	}

	private static Road refundRoad(Transition previous, Transition current) {
		if (previous.refundList() == null || current.refundList() == null) {
			return UNKNOWN;
		}
		List<OrderPaymentState.Refund> changed = new ArrayList<>();
		for (OrderPaymentState.Refund refund : current.refundList()) {
			if (!previous.refundList().contains(refund)) {
				changed.add(refund);
			}
		}
		if (changed.size() != 1 || changed.get(0).status() == null) {
			return UNKNOWN;
		}
		OrderPaymentState.Refund refund = changed.get(0);
		return new Road(Way.REFUND_NOTIFICATION, Said.valueOf("REFUND_" + refund.status().name()), refund.amount());
	}

	private static Road closedRoad(String closeReason) {
		if (closeReason == null) {
			return UNKNOWN;
		}
		return switch (closeReason) {
			case CLOSED_EXPIRED -> new Road(Way.ACTIVE_QUERY, Said.NOTPAY_CLOSED, null);
			case CLOSED_CANCELLED -> new Road(Way.MERCHANT, Said.CLOSED, null);
			case CLOSED_NEVER_PLACED -> new Road(Way.ACTIVE_QUERY, Said.ORDER_NOT_EXIST, null);
			case CLOSED_AT_WECHAT -> new Road(Way.UNKNOWN, Said.CLOSED, null);
			default -> UNKNOWN;
		};
	}

}
