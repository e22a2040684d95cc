package io.paytally.local.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The day's orders, derived from the seed alone: the same settings plan the same day.
 *
 * @param orders the orders in the order they are created
 */
public record ScenarioPlan(List<PlannedOrder> orders) {

	public ScenarioPlan {
		orders = List.copyOf(orders);
	}

	/** Plans a day. */
	public static ScenarioPlan of(ScenarioSettings settings) {
		Random random = new Random(settings.seed());
		Map<Kind, Integer> counts = counts(settings);
		List<Kind> kinds = new ArrayList<>();
		counts.forEach((kind, count) -> kinds.addAll(Collections.nCopies(count, kind)));
		Collections.shuffle(kinds, random);
		List<PlannedOrder> orders = new ArrayList<>(kinds.size());
		for (int i = 0; i < kinds.size(); i++) {
			Kind kind = kinds.get(i);
			// 1.00 to 500.00 yuan, in fen
			long amount = 100 + random.nextInt(49_901);
			long refund = switch (kind) {
				case FULL_REFUND, ABNORMAL_REFUND -> amount;
				case PARTIAL_REFUND -> Math.max(1, amount / (2 + random.nextInt(3)));
				case COUPON_REFUND -> amount / 2;
				default -> 0;
			};
			// a fifth of the order by a coupon: non-recharge, or recharge for every
			// other coupon-refund order
			long coupon = kind.withCoupon() ? amount / 5 : 0;
			String couponType = !kind.withCoupon() ? null
					: (kind == Kind.COUPON_REFUND && i % 2 == 1) ? "CASH" : "NOCASH";
			long wrong = (kind == Kind.AMOUNT_MISMATCH) ? amount - 1 - random.nextInt((int) Math.min(amount - 1, 99))
					: 0;
			String merchantOrderNo = settings.orderPrefix() + "-" + String.format("%06d", i + 1);
			orders.add(new PlannedOrder(i + 1, merchantOrderNo, amount, kind, refund, wrong, coupon, couponType));
		}
		return new ScenarioPlan(orders);
	}

	/** How many orders of each kind. */
	static Map<Kind, Integer> counts(ScenarioSettings settings) {
		Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
		int others = 0;
		for (Kind kind : Kind.values()) {
			if (kind == Kind.PROMPT) {
				continue;
			}
			double percent = settings.percents().getOrDefault(kind, 0.0);
			int count = (int) Math.round(settings.orders() * percent / 100.0);
			if (settings.orders() >= 20 && percent > 0) {
				count = Math.max(count, kind.minimum());
			}
			counts.put(kind, count);
			others += count;
		}
		if (others > settings.orders()) {
			throw new IllegalArgumentException(
					"The mix asks for " + others + " special orders in a day of " + settings.orders());
		}
		counts.put(Kind.PROMPT, settings.orders() - others);
		return counts;
	}

	/** How many orders of a kind. */
	public long count(Kind kind) {
		return this.orders.stream().filter((order) -> order.kind() == kind).count();
	}

}
