package io.paytally.sandbox.merchantapi;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.paytally.sandbox.ApiEndpoint;
import io.paytally.sandbox.ApiOutage;
import io.paytally.sandbox.ledger.WechatError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outages of the merchant API set through the control API: for a period (real time), one
 * merchant's endpoint answers as WeChat does when it fails, or hangs.
 */
public final class ApiOutages {

	private static final Logger log = LoggerFactory.getLogger(ApiOutages.class);

	private final List<Rule> rules = new CopyOnWriteArrayList<>();

	/**
	 * Starts an outage now.
	 * @param duration how long it lasts; null until {@link #clear()}
	 * @param hang how long a {@link ApiOutage#HANG} holds each request
	 */
	public void add(String mchid, ApiEndpoint endpoint, ApiOutage outage, Duration duration, Duration hang) {
		long until = (duration != null) ? System.nanoTime() + duration.toNanos() : Long.MAX_VALUE;
		this.rules.add(new Rule(mchid, endpoint, outage, until, hang));
	}

	public void clear() {
		this.rules.clear();
	}

	/**
	 * Fails the request when an outage of the merchant's endpoint is on.
	 * @throws WechatError the outage's answer
	 */
	void check(String mchid, ApiEndpoint endpoint) {
		if (this.rules.isEmpty()) {
			return;
		}
		long now = System.nanoTime();
		this.rules.removeIf((rule) -> rule.until - now < 0);
		for (Rule rule : this.rules) {
			if (rule.mchid.equals(mchid) && rule.endpoint == endpoint) {
				log.info("Outage {} on {} of merchant {}", rule.outage, endpoint, mchid);
				if (rule.outage == ApiOutage.HANG) {
					hang(rule.hang);
				}
				throw new EndpointDown(rule.outage);
			}
		}
	}

	private static void hang(Duration hang) {
		try {
			Thread.sleep(hang.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record Rule(String mchid, ApiEndpoint endpoint, ApiOutage outage, long until, Duration hang) {

	}

	/** An endpoint down: WeChat's answer during an outage. */
	static final class EndpointDown extends WechatError {

		EndpointDown(ApiOutage outage) {
			super(outage.status(), outage.code(), outage.message());
		}

	}

}
