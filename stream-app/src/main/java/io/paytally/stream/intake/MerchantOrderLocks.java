package io.paytally.stream.intake;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises requests for the same merchant order on this instance (striped locks), so
 * that concurrent identical requests here take turns. Across instances the state store
 * does that job: the first OrderCreated of an out_trade_no it applies decides the data
 * every instance prepays.
 */
final class MerchantOrderLocks {

	private static final int STRIPES = 256;

	private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

	private final Duration timeout;

	MerchantOrderLocks(Duration timeout) {
		this.timeout = timeout;
		for (int i = 0; i < STRIPES; i++) {
			this.locks[i] = new ReentrantLock();
		}
	}

	/**
	 * Takes the lock of a merchant order.
	 * @return the lock to release, or {@code null} when it could not be had in time
	 */
	ReentrantLock acquire(String mchid, String merchantOrderNo) throws InterruptedException {
		ReentrantLock lock = this.locks[Math.floorMod((mchid + "\n" + merchantOrderNo).hashCode(), STRIPES)];
		return lock.tryLock(this.timeout.toMillis(), TimeUnit.MILLISECONDS) ? lock : null;
	}

}
