package io.paytally.stream.payment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.paytally.schemas.ExpiryCheck;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.RefundStatus;
import io.paytally.schemas.TradeState;

import static io.paytally.stream.payment.OrderPaymentFixtures.EXPIRE_AT;
import static io.paytally.stream.payment.OrderPaymentFixtures.RULES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The state machine's transition table: every state against every input, with the
 * resulting state, the state record emitted (or not), the expiry check asked for (or not)
 * and the anomaly found (or not). The table is read top to bottom; the first matching
 * line wins; {@code *} matches any trade state, source or refund status. A combination no
 * line matches fails the test, so the table stays complete.
 *
 * <p>
 * Inputs: {@code created}, {@code cancelled} (order events); {@code pay <trade_state>
 * <source>} (a payment notification: a callback, an active-query answer, a bill repair);
 * {@code refund <refund_status>} (a new out_refund_no of 500 fen); {@code expiry-due}
 * (the punctuator at the order's expiry time); {@code recheck-due} (the punctuator one
 * recheck interval after the first check was asked). States: the fixtures of
 * {@link OrderPaymentFixtures}; {@code UNKNOWN} is a notification-less order whose order
 * event has not come yet.
 */
class OrderPaymentTransitionTableTest {

	static final String TABLE = """
			# state             | input                      | -> state           | record | check        | anomaly
			UNKNOWN             | created                    | PENDING            | state  | -            | -
			UNKNOWN             | cancelled                  | UNKNOWN            | -      | -            | -
			UNKNOWN             | pay * *                    | UNKNOWN            | -      | -            | -
			UNKNOWN             | refund *                   | UNKNOWN            | -      | -            | -
			UNKNOWN             | expiry-due                 | UNKNOWN            | -      | -            | -
			UNKNOWN             | recheck-due                | UNKNOWN            | -      | -            | -

			PENDING             | created                    | PENDING            | -      | -            | -
			PENDING             | cancelled                  | CHECKING           | state  | CANCELLED#1  | -
			PENDING             | pay SUCCESS *              | PAID               | state  | -            | -
			PENDING             | pay REFUND *               | PAID               | state  | -            | -
			PENDING             | pay CLOSED *               | CLOSED             | state  | -            | -
			PENDING             | pay REVOKED *              | CLOSED             | state  | -            | -
			PENDING             | pay ORDER_NOT_EXIST *      | CLOSED             | state  | -            | -
			PENDING             | pay * *                    | PENDING            | -      | -            | -
			PENDING             | refund SUCCESS             | CHECKING           | state  | REFUNDED#1   | REFUNDED_UNPAID
			PENDING             | refund ABNORMAL            | PENDING            | state  | -            | REFUND_ABNORMAL
			PENDING             | refund CLOSED              | PENDING            | state  | -            | REFUND_CLOSED
			PENDING             | refund *                   | PENDING            | state  | -            | -
			PENDING             | expiry-due                 | CHECKING           | state  | EXPIRED#1    | -
			PENDING             | recheck-due                | CHECKING           | state  | EXPIRED#1    | -

			CHECKING            | created                    | CHECKING           | -      | -            | -
			CHECKING            | cancelled                  | CHECKING           | -      | -            | -
			CHECKING            | pay SUCCESS *              | PAID               | state  | -            | -
			CHECKING            | pay REFUND *               | PAID               | state  | -            | -
			CHECKING            | pay CLOSED *               | CLOSED             | state  | -            | -
			CHECKING            | pay REVOKED *              | CLOSED             | state  | -            | -
			CHECKING            | pay ORDER_NOT_EXIST *      | CLOSED             | state  | -            | -
			CHECKING            | pay * *                    | CHECKING           | -      | -            | -
			CHECKING            | refund SUCCESS             | CHECKING           | state  | -            | REFUNDED_UNPAID
			CHECKING            | refund ABNORMAL            | CHECKING           | state  | -            | REFUND_ABNORMAL
			CHECKING            | refund CLOSED              | CHECKING           | state  | -            | REFUND_CLOSED
			CHECKING            | refund *                   | CHECKING           | state  | -            | -
			CHECKING            | expiry-due                 | CHECKING           | -      | -            | -
			CHECKING            | recheck-due                | CHECKING           | state  | EXPIRED#2    | -

			PAID                | created                    | PAID               | -      | -            | -
			PAID                | cancelled                  | PAID               | -      | -            | CANCELLED_BUT_PAID
			PAID                | pay * *                    | PAID               | -      | -            | -
			PAID                | refund SUCCESS             | PARTIALLY_REFUNDED | state  | -            | -
			PAID                | refund ABNORMAL            | PAID               | state  | -            | REFUND_ABNORMAL
			PAID                | refund CLOSED              | PAID               | state  | -            | REFUND_CLOSED
			PAID                | refund *                   | PAID               | state  | -            | -
			PAID                | expiry-due                 | PAID               | -      | -            | -
			PAID                | recheck-due                | PAID               | -      | -            | -

			CLOSED              | created                    | CLOSED             | -      | -            | -
			CLOSED              | cancelled                  | CLOSED             | -      | -            | -
			CLOSED              | pay SUCCESS *              | PAID               | state  | -            | PAID_AFTER_CLOSE
			CLOSED              | pay REFUND *               | PAID               | state  | -            | PAID_AFTER_CLOSE
			CLOSED              | pay * *                    | CLOSED             | -      | -            | -
			CLOSED              | refund SUCCESS             | CLOSED             | state  | REFUNDED#1   | REFUNDED_UNPAID
			CLOSED              | refund ABNORMAL            | CLOSED             | state  | -            | REFUND_ABNORMAL
			CLOSED              | refund CLOSED              | CLOSED             | state  | -            | REFUND_CLOSED
			CLOSED              | refund *                   | CLOSED             | state  | -            | -
			CLOSED              | expiry-due                 | CLOSED             | -      | -            | -
			CLOSED              | recheck-due                | CLOSED             | -      | -            | -

			PARTIALLY_REFUNDED  | created                    | PARTIALLY_REFUNDED | -      | -            | -
			PARTIALLY_REFUNDED  | cancelled                  | PARTIALLY_REFUNDED | -      | -            | CANCELLED_BUT_PAID
			PARTIALLY_REFUNDED  | pay * *                    | PARTIALLY_REFUNDED | -      | -            | -
			PARTIALLY_REFUNDED  | refund ABNORMAL            | PARTIALLY_REFUNDED | state  | -            | REFUND_ABNORMAL
			PARTIALLY_REFUNDED  | refund CLOSED              | PARTIALLY_REFUNDED | state  | -            | REFUND_CLOSED
			PARTIALLY_REFUNDED  | refund *                   | PARTIALLY_REFUNDED | state  | -            | -
			PARTIALLY_REFUNDED  | expiry-due                 | PARTIALLY_REFUNDED | -      | -            | -
			PARTIALLY_REFUNDED  | recheck-due                | PARTIALLY_REFUNDED | -      | -            | -

			REFUNDED            | created                    | REFUNDED           | -      | -            | -
			REFUNDED            | cancelled                  | REFUNDED           | -      | -            | -
			REFUNDED            | pay * *                    | REFUNDED           | -      | -            | -
			REFUNDED            | refund SUCCESS             | REFUNDED           | state  | -            | OVER_REFUND
			REFUNDED            | refund ABNORMAL            | REFUNDED           | state  | -            | REFUND_ABNORMAL
			REFUNDED            | refund CLOSED              | REFUNDED           | state  | -            | REFUND_CLOSED
			REFUNDED            | refund *                   | REFUNDED           | state  | -            | -
			REFUNDED            | expiry-due                 | REFUNDED           | -      | -            | -
			REFUNDED            | recheck-due                | REFUNDED           | -      | -            | -

			AMOUNT_MISMATCH     | created                    | AMOUNT_MISMATCH    | -      | -            | -
			AMOUNT_MISMATCH     | cancelled                  | AMOUNT_MISMATCH    | -      | -            | -
			AMOUNT_MISMATCH     | pay * *                    | AMOUNT_MISMATCH    | -      | -            | -
			AMOUNT_MISMATCH     | refund ABNORMAL            | AMOUNT_MISMATCH    | state  | -            | REFUND_ABNORMAL
			AMOUNT_MISMATCH     | refund CLOSED              | AMOUNT_MISMATCH    | state  | -            | REFUND_CLOSED
			AMOUNT_MISMATCH     | refund *                   | AMOUNT_MISMATCH    | state  | -            | -
			AMOUNT_MISMATCH     | expiry-due                 | AMOUNT_MISMATCH    | -      | -            | -
			AMOUNT_MISMATCH     | recheck-due                | AMOUNT_MISMATCH    | -      | -            | -
			""";

	static final Instant NOW = EXPIRE_AT.plusSeconds(10);

	static final Map<String, Supplier<OrderPayment>> STATES = new LinkedHashMap<>();

	static {
		STATES.put("UNKNOWN", OrderPaymentFixtures::unknownOrder);
		STATES.put("PENDING", OrderPaymentFixtures::pendingOrder);
		STATES.put("CHECKING", OrderPaymentFixtures::checkingOrder);
		STATES.put("PAID", OrderPaymentFixtures::paidOrder);
		STATES.put("CLOSED", OrderPaymentFixtures::closedOrder);
		STATES.put("PARTIALLY_REFUNDED", OrderPaymentFixtures::partiallyRefundedOrder);
		STATES.put("REFUNDED", OrderPaymentFixtures::refundedOrder);
		STATES.put("AMOUNT_MISMATCH", OrderPaymentFixtures::amountMismatchOrder);
	}

	static Stream<Arguments> everyStateAgainstEveryInput() {
		List<Row> rows = Row.parse(TABLE);
		List<Arguments> cases = new ArrayList<>();
		for (String state : STATES.keySet()) {
			for (String input : inputs()) {
				Row row = rows.stream()
					.filter((r) -> r.matches(state, input))
					.findFirst()
					.orElseThrow(() -> new AssertionError("The table has no line for " + state + " / " + input));
				cases.add(Arguments.of(state, input, row));
			}
		}
		return cases.stream();
	}

	static List<String> inputs() {
		List<String> inputs = new ArrayList<>(List.of("created", "cancelled"));
		for (TradeState tradeState : TradeState.values()) {
			for (NotificationSource source : NotificationSource.values()) {
				inputs.add("pay " + tradeState + " " + source);
			}
		}
		for (RefundStatus status : RefundStatus.values()) {
			inputs.add("refund " + status);
		}
		inputs.add("expiry-due");
		inputs.add("recheck-due");
		return inputs;
	}

	@ParameterizedTest(name = "{0} + {1} -> {2}")
	@MethodSource
	void everyStateAgainstEveryInput(String state, String input, Row expected) {
		OrderPayment before = STATES.get(state).get();
		Outcome outcome = apply(before, input);

		PaymentStatus after = outcome.next().status();
		assertThat((after != null) ? after.name() : "UNKNOWN").as("state after").isEqualTo(expected.result());
		if (expected.record()) {
			long versionBefore = before.isKnown() ? before.state().version() : 0;
			assertThat(outcome.transitions()).as("state records").hasSize(1);
			Transition transition = outcome.transitions().get(0);
			assertThat(transition.from()).isEqualTo(before.status());
			assertThat(transition.to()).isEqualTo(outcome.next().state());
			assertThat(transition.to().version()).isEqualTo(versionBefore + 1);
			assertThat(transition.to().updatedAt()).isEqualTo(inputTime(input));
		}
		else {
			assertThat(outcome.transitions()).as("state records").isEmpty();
			assertThat(outcome.next().state()).as("published state").isEqualTo(before.state());
		}
		if (expected.check().equals("-")) {
			assertThat(outcome.checks()).as("expiry checks").isEmpty();
		}
		else {
			String[] check = expected.check().split("#");
			assertThat(outcome.checks()).as("expiry checks").hasSize(1);
			ExpiryCheck asked = outcome.checks().get(0);
			assertThat(asked).isEqualTo(new ExpiryCheck(OrderPaymentFixtures.MCHID, OrderPaymentFixtures.OUT_TRADE_NO,
					ExpiryCheck.Reason.valueOf(check[0]), OrderPaymentFixtures.CREATED_AT, EXPIRE_AT,
					Integer.parseInt(check[1]), inputTime(input)));
		}
		if (expected.anomaly().equals("-")) {
			assertThat(outcome.anomalies()).as("anomalies").isEmpty();
		}
		else {
			assertThat(outcome.anomalies()).as("anomalies").hasSize(1);
			assertThat(outcome.anomalies().get(0).type().name()).isEqualTo(expected.anomaly());
			assertThat(outcome.anomalies().get(0).outTradeNo()).isEqualTo(OrderPaymentFixtures.OUT_TRADE_NO);
		}
	}

	static Instant inputTime(String input) {
		return switch (input) {
			case "expiry-due" -> EXPIRE_AT;
			case "recheck-due" -> EXPIRE_AT.plus(RULES.recheckInterval());
			default -> NOW;
		};
	}

	static Outcome apply(OrderPayment order, String input) {
		String[] words = input.split(" ");
		Instant at = inputTime(input);
		return switch (words[0]) {
			case "created" -> order.create(OrderPaymentFixtures.created(), at, RULES);
			case "cancelled" -> order.cancel(OrderPaymentFixtures.cancelled(), at, RULES);
			case "pay" -> order.payment(OrderPaymentFixtures.payment(TradeState.valueOf(words[1]),
					NotificationSource.valueOf(words[2]), at), at, RULES);
			case "refund" ->
				order.refund(OrderPaymentFixtures.refund("R-NEW", RefundStatus.valueOf(words[1]), 500, at), at, RULES);
			case "expiry-due", "recheck-due" -> order.due(at, RULES);
			default -> fail("no such input: " + input);
		};
	}

	/** One line of the table. */
	record Row(String state, String input, String result, boolean record, String check, String anomaly) {

		static List<Row> parse(String table) {
			List<Row> rows = new ArrayList<>();
			for (String line : table.lines().map(String::strip).toList()) {
				if (line.isEmpty() || line.startsWith("#")) {
					continue;
				}
				String[] cells = line.split("\\|");
				rows.add(new Row(cells[0].strip(), cells[1].strip(), cells[2].strip(), cells[3].strip().equals("state"),
						cells[4].strip(), cells[5].strip()));
			}
			assertThat(EnumSet.allOf(PaymentStatus.class).stream().map(Enum::name))
				.allMatch((s) -> rows.stream().anyMatch((r) -> r.state().equals(s)));
			return rows;
		}

		boolean matches(String state, String input) {
			if (!this.state.equals(state)) {
				return false;
			}
			String[] want = this.input.split(" ");
			String[] have = input.split(" ");
			if (want.length != have.length) {
				return false;
			}
			for (int i = 0; i < want.length; i++) {
				if (!want[i].equals("*") && !want[i].equals(have[i])) {
					return false;
				}
			}
			return true;
		}

		@Override
		public String toString() {
			return this.result + ((this.record) ? " +state" : "") + (this.check.equals("-") ? "" : " +" + this.check)
					+ (this.anomaly.equals("-") ? "" : " +" + this.anomaly);
		}

	}

}
