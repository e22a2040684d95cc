package io.paytally.local.scenario;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The size and mix of the day.
 *
 * @param orders how many merchant orders
 * @param seed the seed: the same seed plays the same day
 * @param mchid the merchant
 * @param orderPrefix the start of every merchant order number (keeps runs apart)
 * @param expiry how long an order stays payable (WeChat's minimum is one minute)
 * @param concurrency how many orders are created at the same time
 * @param settleTimeout how long to wait for every order to reach its final state
 * @param percents the share of each kind, in percent; PROMPT takes the rest
 */
public record ScenarioSettings(int orders, long seed, String mchid, String orderPrefix, Duration expiry,
		int concurrency, Duration settleTimeout, Map<Kind, Double> percents) {

	public ScenarioSettings {
		if (orders < 1) {
			throw new IllegalArgumentException("orders must be at least 1");
		}
		if (expiry.compareTo(Duration.ofSeconds(61)) < 0) {
			throw new IllegalArgumentException("expiry must be above WeChat's minimum of one minute");
		}
		Map<Kind, Double> all = new EnumMap<>(Kind.class);
		for (Kind kind : Kind.values()) {
			all.put(kind, kind.defaultPercent());
		}
		if (percents != null) {
			all.putAll(percents);
		}
		percents = Map.copyOf(all);
	}

	/** The defaults for a merchant and a size. */
	public static ScenarioSettings of(String mchid, int orders, long seed) {
		return new ScenarioSettings(orders, seed, mchid, "MO" + Long.toString(Math.abs(seed) % 1_000_000, 36),
				Duration.ofSeconds(62), 8, Duration.ofMinutes(4), null);
	}

	public ScenarioSettings withPercents(Map<Kind, Double> percents) {
		return new ScenarioSettings(this.orders, this.seed, this.mchid, this.orderPrefix, this.expiry, this.concurrency,
				this.settleTimeout, percents);
	}

	public ScenarioSettings withOrderPrefix(String orderPrefix) {
		return new ScenarioSettings(this.orders, this.seed, this.mchid, orderPrefix, this.expiry, this.concurrency,
				this.settleTimeout, this.percents);
	}

	public ScenarioSettings withSettleTimeout(Duration settleTimeout) {
		return new ScenarioSettings(this.orders, this.seed, this.mchid, this.orderPrefix, this.expiry, this.concurrency,
				settleTimeout, this.percents);
	}

	public ScenarioSettings withConcurrency(int concurrency) {
		return new ScenarioSettings(this.orders, this.seed, this.mchid, this.orderPrefix, this.expiry, concurrency,
				this.settleTimeout, this.percents);
	}

	/**
	 * Parses {@code --mix drop=3,duplicate=5,...} (percent per kind; see {@link Kind}).
	 */
	public static Map<Kind, Double> parseMix(String mix) {
		Map<Kind, Double> percents = new EnumMap<>(Kind.class);
		for (String part : mix.split(",")) {
			if (part.isBlank()) {
				continue;
			}
			String[] pair = part.split("=", 2);
			if (pair.length != 2) {
				throw new IllegalArgumentException("--mix takes kind=percent pairs, e.g. drop=3,duplicate=5");
			}
			double percent;
			try {
				percent = Double.parseDouble(pair[1].trim());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--mix: " + pair[1] + " is not a percentage");
			}
			if (percent < 0 || percent > 100) {
				throw new IllegalArgumentException("--mix: " + pair[1] + " is not between 0 and 100");
			}
			percents.put(Kind.byFlagName(pair[0]), percent);
		}
		return percents;
	}

}
