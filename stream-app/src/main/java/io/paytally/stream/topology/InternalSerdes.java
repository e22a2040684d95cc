package io.paytally.stream.topology;

import java.util.ArrayList;
import java.util.List;

import io.paytally.schemas.ExpiryCheck;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.OrderPaymentState.Refund;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.RefundNotification;
import io.paytally.schemas.RefundStatus;
import io.paytally.schemas.TradeState;
import io.paytally.stream.internal.BinaryReader;
import io.paytally.stream.internal.BinaryWriter;
import io.paytally.stream.internal.CompactSerde;
import io.paytally.stream.payment.OrderPayment;
import io.paytally.stream.stats.StatsDelta;

/**
 * The compact serdes of the topology's internal records: the order store (and its
 * changelog), the two repartition topics of the statistics and of duplicate payments, and
 * the refunds re-keyed by order, the attempts re-keyed by merchant order. The public
 * topics stay JSON.
 */
final class InternalSerdes {

	private InternalSerdes() {
	}

	static CompactSerde<OrderPayment> orderPayment() {
		return new CompactSerde<>(OrderPayment.class, 384, InternalSerdes::write, InternalSerdes::readOrderPayment);
	}

	static CompactSerde<StatsDelta> statsDelta() {
		return new CompactSerde<>(StatsDelta.class, 48, InternalSerdes::write, InternalSerdes::readStatsDelta);
	}

	static CompactSerde<PaidOrder> paidOrder() {
		return new CompactSerde<>(PaidOrder.class, 96, InternalSerdes::write, InternalSerdes::readPaidOrder);
	}

	static CompactSerde<AttemptFact> attemptFact() {
		return new CompactSerde<>(AttemptFact.class, 96, InternalSerdes::write, InternalSerdes::readAttemptFact);
	}

	static CompactSerde<RefundNotification> refundNotification() {
		return new CompactSerde<>(RefundNotification.class, 192, InternalSerdes::write,
				InternalSerdes::readRefundNotification);
	}

	// ----------------------------------------------------------- OrderPayment

	static void write(OrderPayment order, BinaryWriter out) {
		OrderPaymentState state = order.state();
		out.writeBoolean(state != null);
		if (state != null) {
			write(state, out);
		}
		out.writeLong(order.heldPayments().size());
		for (PaymentNotification held : order.heldPayments()) {
			write(held, out);
		}
		out.writeLong(order.heldRefunds().size());
		for (RefundNotification held : order.heldRefunds()) {
			write(held, out);
		}
		out.writeInstant(order.heldSince());
		out.writeInstant(order.dueAt());
		out.writeEnum(order.checkReason());
		out.writeLong(order.checksUnanswered());
		out.writeBoolean(order.unknownReported());
		// appended after the fields of the first format, so that records written before
		// still read (without the payer's parts)
		if (state != null) {
			writePayerParts(state, out);
		}
	}

	private static void writePayerParts(OrderPaymentState state, BinaryWriter out) {
		out.writeNullableLong(state.payerTotal());
		out.writeLong(state.refunds().size());
		for (Refund refund : state.refunds()) {
			out.writeNullableLong(refund.payerRefund());
		}
	}

	private static OrderPaymentState readPayerParts(OrderPaymentState state, BinaryReader in) {
		Long payerTotal = in.readNullableLong();
		int count = in.readInt();
		List<Refund> refunds = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			Refund r = state.refunds().get(i);
			refunds.add(new Refund(r.outRefundNo(), r.refundId(), r.amount(), r.status(), r.successTime(),
					in.readNullableLong()));
		}
		return new OrderPaymentState(state.mchid(), state.outTradeNo(), state.merchantOrderNo(), state.status(),
				state.amountTotal(), state.currency(), state.description(), state.createdAt(), state.expireAt(),
				state.transactionId(), state.paidAt(), state.paidAmount(), state.paidSource(), state.refundedAmount(),
				refunds, state.closedAt(), state.closeReason(), state.expiryChecks(), state.version(),
				state.updatedAt(), payerTotal);
	}

	static OrderPayment readOrderPayment(BinaryReader in) {
		OrderPaymentState state = in.readBoolean() ? readState(in) : null;
		int payments = in.readInt();
		List<PaymentNotification> heldPayments = new ArrayList<>(payments);
		for (int i = 0; i < payments; i++) {
			heldPayments.add(readPaymentNotification(in));
		}
		int refunds = in.readInt();
		List<RefundNotification> heldRefunds = new ArrayList<>(refunds);
		for (int i = 0; i < refunds; i++) {
			heldRefunds.add(readRefundNotification(in));
		}
		var heldSince = in.readInstant();
		var dueAt = in.readInstant();
		var checkReason = in.readEnum(ExpiryCheck.Reason.class);
		int checksUnanswered = in.readInt();
		boolean unknownReported = in.readBoolean();
		if (state != null && !in.atEnd()) {
			state = readPayerParts(state, in);
		}
		return new OrderPayment(state, heldPayments, heldRefunds, heldSince, dueAt, checkReason, checksUnanswered,
				unknownReported);
	}

	static void write(OrderPaymentState state, BinaryWriter out) {
		out.writeString(state.mchid())
			.writeString(state.outTradeNo())
			.writeString(state.merchantOrderNo())
			.writeEnum(state.status())
			.writeLong(state.amountTotal())
			.writeString(state.currency())
			.writeString(state.description())
			.writeInstant(state.createdAt())
			.writeInstant(state.expireAt())
			.writeString(state.transactionId())
			.writeInstant(state.paidAt())
			.writeNullableLong(state.paidAmount())
			.writeEnum(state.paidSource())
			.writeLong(state.refundedAmount())
			.writeLong(state.refunds().size());
		for (Refund refund : state.refunds()) {
			out.writeString(refund.outRefundNo())
				.writeString(refund.refundId())
				.writeLong(refund.amount())
				.writeEnum(refund.status())
				.writeInstant(refund.successTime());
		}
		out.writeInstant(state.closedAt())
			.writeString(state.closeReason())
			.writeLong(state.expiryChecks())
			.writeLong(state.version())
			.writeInstant(state.updatedAt());
	}

	static OrderPaymentState readState(BinaryReader in) {
		String mchid = in.readString();
		String outTradeNo = in.readString();
		String merchantOrderNo = in.readString();
		PaymentStatus status = in.readEnum(PaymentStatus.class);
		long amountTotal = in.readLong();
		String currency = in.readString();
		String description = in.readString();
		var createdAt = in.readInstant();
		var expireAt = in.readInstant();
		String transactionId = in.readString();
		var paidAt = in.readInstant();
		Long paidAmount = in.readNullableLong();
		NotificationSource paidSource = in.readEnum(NotificationSource.class);
		long refundedAmount = in.readLong();
		int count = in.readInt();
		List<Refund> refunds = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			refunds.add(new Refund(in.readString(), in.readString(), in.readLong(), in.readEnum(RefundStatus.class),
					in.readInstant()));
		}
		return new OrderPaymentState(mchid, outTradeNo, merchantOrderNo, status, amountTotal, currency, description,
				createdAt, expireAt, transactionId, paidAt, paidAmount, paidSource, refundedAmount, refunds,
				in.readInstant(), in.readString(), in.readInt(), in.readLong(), in.readInstant());
	}

	static void write(PaymentNotification payment, BinaryWriter out) {
		out.writeString(payment.notificationId())
			.writeEnum(payment.source())
			.writeString(payment.mchid())
			.writeString(payment.appid())
			.writeString(payment.outTradeNo())
			.writeString(payment.transactionId())
			.writeEnum(payment.tradeState())
			.writeString(payment.tradeType())
			.writeString(payment.bankType())
			.writeLong(payment.amountTotal())
			.writeNullableLong(payment.payerTotal())
			.writeString(payment.currency())
			.writeInstant(payment.successTime())
			.writeString(payment.attach())
			.writeInstant(payment.receivedAt());
	}

	static PaymentNotification readPaymentNotification(BinaryReader in) {
		return new PaymentNotification(in.readString(), in.readEnum(NotificationSource.class), in.readString(),
				in.readString(), in.readString(), in.readString(), in.readEnum(TradeState.class), in.readString(),
				in.readString(), in.readLong(), in.readNullableLong(), in.readString(), in.readInstant(),
				in.readString(), in.readInstant());
	}

	static void write(RefundNotification refund, BinaryWriter out) {
		out.writeString(refund.notificationId())
			.writeEnum(refund.source())
			.writeString(refund.mchid())
			.writeString(refund.outTradeNo())
			.writeString(refund.transactionId())
			.writeString(refund.outRefundNo())
			.writeString(refund.refundId())
			.writeEnum(refund.refundStatus())
			.writeLong(refund.amountTotal())
			.writeLong(refund.refundAmount())
			.writeNullableLong(refund.payerTotal())
			.writeNullableLong(refund.payerRefund())
			.writeInstant(refund.successTime())
			.writeInstant(refund.receivedAt());
	}

	static RefundNotification readRefundNotification(BinaryReader in) {
		return new RefundNotification(in.readString(), in.readEnum(NotificationSource.class), in.readString(),
				in.readString(), in.readString(), in.readString(), in.readString(), in.readEnum(RefundStatus.class),
				in.readLong(), in.readLong(), in.readNullableLong(), in.readNullableLong(), in.readInstant(),
				in.readInstant());
	}

	// ------------------------------------------------------------- StatsDelta

	static void write(StatsDelta delta, BinaryWriter out) {
		out.writeString(delta.mchid())
			.writeLong(delta.ordersCreated())
			.writeLong(delta.ordersPaid())
			.writeLong(delta.ordersClosed())
			.writeLong(delta.ordersRefunded())
			.writeLong(delta.amountCreated())
			.writeLong(delta.amountPaid())
			.writeLong(delta.amountRefunded())
			.writeLong(delta.anomalies());
	}

	static StatsDelta readStatsDelta(BinaryReader in) {
		return new StatsDelta(in.readString(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
				in.readLong(), in.readLong(), in.readLong(), in.readLong());
	}

	// -------------------------------------------------------------- PaidOrder

	static void write(PaidOrder paid, BinaryWriter out) {
		out.writeString(paid.mchid())
			.writeString(paid.merchantOrderNo())
			.writeString(paid.outTradeNo())
			.writeLong(paid.amount())
			.writeInstant(paid.paidAt())
			// appended after the fields of the first format, so that records written
			// before still read (not retired)
			.writeBoolean(paid.retired());
	}

	static PaidOrder readPaidOrder(BinaryReader in) {
		return new PaidOrder(in.readString(), in.readString(), in.readString(), in.readLong(), in.readInstant(),
				!in.atEnd() && in.readBoolean());
	}

	// ------------------------------------------------------------ AttemptFact

	static void write(AttemptFact fact, BinaryWriter out) {
		out.writeString(fact.mchid())
			.writeString(fact.merchantOrderNo())
			.writeString(fact.outTradeNo())
			.writeEnum(fact.kind());
	}

	static AttemptFact readAttemptFact(BinaryReader in) {
		return new AttemptFact(in.readString(), in.readString(), in.readString(), in.readEnum(AttemptFact.Kind.class));
	}

}
