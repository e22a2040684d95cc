package io.paytally.stream.activequery;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A token bucket per merchant: at most {@code ratePerSecond} calls a second, in bursts of
 * at most {@code burst}. {@link #acquire(String)} waits for a token.
 */
class MerchantRateLimiter {

	private final double ratePerNano;

	private final double burst;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	MerchantRateLimiter(double ratePerSecond, int burst) {
		if (ratePerSecond <= 0 || burst < 1) {
			throw new IllegalArgumentException("rate and burst must be positive");
		}
		this.ratePerNano = ratePerSecond / 1_000_000_000d;
		this.burst = burst;
	}

	/** Waits until the merchant may make one more call; returns how long it waited. */
	Duration acquire(String mchid) {
		Bucket bucket = this.buckets.computeIfAbsent(mchid, (id) -> new Bucket(this.burst, System.nanoTime()));
		long waited = 0;
		while (true) {
			long wait;
			synchronized (bucket) {
				long now = System.nanoTime();
				bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.refilledAt) * this.ratePerNano);
				bucket.refilledAt = now;
				if (bucket.tokens >= 1) {
					bucket.tokens -= 1;
					return Duration.ofNanos(waited);
				}
				wait = (long) Math.ceil((1 - bucket.tokens) / this.ratePerNano);
			}
			LockSupport.parkNanos(wait);
			waited += wait;
			if (Thread.interrupted()) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for the rate limit of " + mchid);
			}
		}
	}

	private static final class Bucket {

		double tokens;

		long refilledAt;

		Bucket(double tokens, long refilledAt) {
			this.tokens = tokens;
			this.refilledAt = refilledAt;
		}

	}

}
