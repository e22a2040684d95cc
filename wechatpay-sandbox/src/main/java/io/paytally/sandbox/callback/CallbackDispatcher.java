package io.paytally.sandbox.callback;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.paytally.sandbox.CallbackAttempt;
import io.paytally.sandbox.ChaosAction;
import io.paytally.sandbox.crypto.AesGcm;
import io.paytally.sandbox.crypto.Pem;
import io.paytally.sandbox.crypto.Signatures;
import io.paytally.sandbox.keys.MerchantKeys;
import io.paytally.sandbox.keys.PlatformIdentity;
import io.paytally.sandbox.ledger.Ledger;
import io.paytally.sandbox.ledger.Order;
import io.paytally.sandbox.ledger.Refund;
import io.paytally.sandbox.ledger.WireFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends callbacks to notify_url: signs each attempt with the platform key, retries on
 * WeChat's schedule (scaled by the time scale) until a 2xx, applies chaos, and records
 * every attempt.
 */
public final class CallbackDispatcher implements AutoCloseable {

	/** WeChat's retry delays after the first attempt (15 retries, 24 h 4 min in all). */
	public static final List<Duration> RETRY_SCHEDULE = List.of(Duration.ofSeconds(15), Duration.ofSeconds(15),
			Duration.ofSeconds(30), Duration.ofMinutes(3), Duration.ofMinutes(10), Duration.ofMinutes(20),
			Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(60),
			Duration.ofHours(3), Duration.ofHours(3), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(6));

	private static final Logger log = LoggerFactory.getLogger(CallbackDispatcher.class);

	private static final String SIGNATURE_TYPE = "WECHATPAY2-SHA256-RSA2048";

	private static final long REORDER_MAX_HOLD_MS = 10_000;

	/** How long WeChat waits for a merchant to connect and to answer. */
	/**
	 * WeChat Pay's retry schedule of legacy v2 callbacks
	 * (15/15/30/180/1800/1800/1800/1800/3600 s, as the v2 documentation lists it), scaled
	 * by the time scale.
	 */
	public static final List<Duration> V2_RETRY_SCHEDULE = List.of(Duration.ofSeconds(15), Duration.ofSeconds(15),
			Duration.ofSeconds(30), Duration.ofMinutes(3), Duration.ofMinutes(30), Duration.ofMinutes(30),
			Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofHours(1));

	private static final Duration MERCHANT_TIMEOUT = Duration.ofSeconds(5);

	/** Callbacks in flight at once: a slow merchant holds one sender for up to 10 s. */
	private static final int SENDERS = 64;

	private final PlatformIdentity identity;

	private final Clock signingClock;

	private final Ledger ledger;

	private final double timeScale;

	private final ScheduledExecutorService scheduler;

	private final NotifySender sender;

	/** The chaos rules not spent yet, oldest first: a spent rule is removed. */
	private final Queue<ChaosRule> chaos = new ConcurrentLinkedQueue<>();

	private final Queue<CallbackAttempt> attempts = new ConcurrentLinkedQueue<>();

	private final Map<String, Queue<CallbackAttempt>> attemptsByOrder = new ConcurrentHashMap<>();

	private final Map<String, Notification> held = new ConcurrentHashMap<>();

	private final AtomicInteger pending = new AtomicInteger();

	private final AtomicLong sequence = new AtomicLong();

	/** Merchants configured for legacy v2 callbacks. */
	private final java.util.Set<String> v2Merchants = ConcurrentHashMap.newKeySet();

	private volatile PrivateKey wrongKey;

	public CallbackDispatcher(PlatformIdentity identity, Clock signingClock, Ledger ledger, double timeScale) {
		this.identity = identity;
		this.signingClock = signingClock;
		this.ledger = ledger;
		this.timeScale = timeScale;
		int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
		this.scheduler = Executors.newScheduledThreadPool(threads, daemon("sandbox-callback"));
		this.sender = new NotifySender(MERCHANT_TIMEOUT, MERCHANT_TIMEOUT, SENDERS, daemon("sandbox-callback-io"));
	}

	/**
	 * Whether a merchant gets WeChat Pay's legacy v2 XML callbacks (payments and refunds)
	 * instead of v3 ones.
	 */
	public void v2Callbacks(String mchid, boolean v2) {
		if (v2) {
			this.v2Merchants.add(mchid);
		}
		else {
			this.v2Merchants.remove(mchid);
		}
	}

	public boolean v2Callbacks(String mchid) {
		return this.v2Merchants.contains(mchid);
	}

	public void paymentSucceeded(MerchantKeys merchant, Order order) {
		if (this.v2Merchants.contains(merchant.mchid())) {
			dispatch(new Notification(v2Id(), merchant.mchid(), order.outTradeNo(), null, "TRANSACTION.SUCCESS",
					order.notifyUrl(), V2Callbacks.payment(merchant, order, false), true,
					V2Callbacks.payment(merchant, order, true)));
			return;
		}
		Map<String, Object> transaction = WireFormat.transaction(order);
		dispatch(notification(merchant, order.notifyUrl(), order.outTradeNo(), null, "TRANSACTION.SUCCESS", "支付成功",
				"transaction", WireFormat.json(transaction)));
	}

	public void refundSucceeded(MerchantKeys merchant, String notifyUrl, Refund refund) {
		refundFinished(merchant, notifyUrl, refund, refund.total());
	}

	/**
	 * REFUND.SUCCESS, REFUND.ABNORMAL or REFUND.CLOSED, after the refund's status
	 * ({@code payerTotal}: what the payer paid for the order); a merchant on v2 callbacks
	 * gets WeChat's v2 refund callback with its encrypted {@code req_info}.
	 */
	public void refundFinished(MerchantKeys merchant, String notifyUrl, Refund refund, long payerTotal) {
		if (this.v2Merchants.contains(merchant.mchid())) {
			dispatch(new Notification(v2Id(), merchant.mchid(), refund.outTradeNo(), refund.outRefundNo(),
					"REFUND." + refund.status(), notifyUrl,
					V2Callbacks.refund(merchant, merchant.appid(), refund, payerTotal, false), true,
					V2Callbacks.refund(merchant, merchant.appid(), refund, payerTotal, true)));
			return;
		}
		String summary = switch (refund.status()) {
			case Refund.ABNORMAL -> "退款异常";
			case Refund.CLOSED -> "退款关闭";
			default -> "退款成功";
		};
		dispatch(notification(merchant, notifyUrl, refund.outTradeNo(), refund.outRefundNo(),
				"REFUND." + refund.status(), summary, "refund",
				WireFormat.json(WireFormat.refundNotification(refund, payerTotal))));
	}

	private String v2Id() {
		return "V2-" + String.format("%d%08d", System.currentTimeMillis(), this.sequence.incrementAndGet());
	}

	public void addChaos(String mchid, String outTradeNo, ChaosAction action, long delayMs, int count) {
		this.chaos.add(new ChaosRule(mchid, outTradeNo, action, delayMs, Math.max(1, count)));
	}

	public void clearChaos() {
		this.chaos.clear();
	}

	/** Every attempt for an order, in the order they were recorded (all when null). */
	public List<CallbackAttempt> attempts(String outTradeNo) {
		if (outTradeNo == null) {
			return new ArrayList<>(this.attempts);
		}
		Queue<CallbackAttempt> forOrder = this.attemptsByOrder.get(outTradeNo);
		return (forOrder != null) ? new ArrayList<>(forOrder) : List.of();
	}

	public int pending() {
		return this.pending.get();
	}

	/** Waits until no callback is waiting to be sent or retried; true when settled. */
	public boolean awaitSettled(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.pending.get() > 0) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
		this.sender.close();
	}

	Notification notification(MerchantKeys merchant, String notifyUrl, String outTradeNo, String outRefundNo,
			String eventType, String summary, String originalType, String plaintext) {
		String nonce = Signatures.nonce(12);
		Map<String, Object> resource = new LinkedHashMap<>();
		resource.put("original_type", originalType);
		resource.put("algorithm", "AEAD_AES_256_GCM");
		resource.put("ciphertext", AesGcm.encrypt(merchant.apiV3Key(), nonce, originalType, plaintext));
		resource.put("associated_data", originalType);
		resource.put("nonce", nonce);
		String id = "EV-" + String.format("%d%08d", System.currentTimeMillis(), this.sequence.incrementAndGet());
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("id", id);
		envelope.put("create_time", WireFormat.time(this.ledger.now()));
		envelope.put("resource_type", "encrypt-resource");
		envelope.put("event_type", eventType);
		envelope.put("summary", summary);
		envelope.put("resource", resource);
		return new Notification(id, merchant.mchid(), outTradeNo, outRefundNo, eventType, notifyUrl,
				WireFormat.json(envelope));
	}

	void dispatch(Notification notification) {
		if (notification.notifyUrl() == null || notification.notifyUrl().isBlank()) {
			return;
		}
		ChaosRule rule = matchingRule(notification);
		ChaosAction action = (rule != null) ? rule.action : null;
		releaseHeld(notification);
		if (action == null) {
			startChain(notification, null, 0);
			return;
		}
		log.info("Chaos {} on callback {} for out_trade_no={}", action, notification.eventType(),
				notification.outTradeNo());
		switch (action) {
			case DROP -> record(notification, 1, null, "DROPPED by chaos", null, action.name());
			case DUPLICATE -> {
				startChain(notification, action.name(), 0);
				startChain(notification, action.name(), 50);
			}
			case DELAY -> startChain(notification, action.name(), rule.delayMs);
			case REORDER -> hold(notification, rule);
			case FORGE_SIGNATURE, STALE_TIMESTAMP, WRONG_KEY -> {
				this.pending.incrementAndGet();
				send(notification, 0, action.name(), action.name()).whenComplete((status, error) -> {
					startChain(notification, action.name(), 0);
					this.pending.decrementAndGet();
				});
			}
		}
	}

	private ChaosRule matchingRule(Notification notification) {
		for (Iterator<ChaosRule> rules = this.chaos.iterator(); rules.hasNext();) {
			ChaosRule rule = rules.next();
			if (rule.matches(notification.mchid(), notification.outTradeNo()) && rule.consume()) {
				if (rule.spent()) {
					rules.remove();
				}
				return rule;
			}
			if (rule.spent()) {
				rules.remove();
			}
		}
		return null;
	}

	private void hold(Notification notification, ChaosRule rule) {
		String scope = scope(rule.mchid, rule.outTradeNo);
		this.pending.incrementAndGet();
		this.held.put(scope, notification);
		this.scheduler.schedule(() -> {
			if (this.held.remove(scope, notification)) {
				startChain(notification, ChaosAction.REORDER.name(), 0);
			}
			this.pending.decrementAndGet();
		}, REORDER_MAX_HOLD_MS, TimeUnit.MILLISECONDS);
	}

	private void releaseHeld(Notification later) {
		if (this.held.isEmpty()) {
			return;
		}
		for (String scope : List.of(scope(later.mchid(), later.outTradeNo()), scope(later.mchid(), null))) {
			Notification earlier = this.held.remove(scope);
			if (earlier != null && earlier != later) {
				// the later callback goes out first; the held one follows shortly after
				startChain(earlier, ChaosAction.REORDER.name(), 200);
			}
		}
	}

	private static String scope(String mchid, String outTradeNo) {
		return mchid + "|" + ((outTradeNo != null) ? outTradeNo : "*");
	}

	private void startChain(Notification notification, String chaos, long delayMs) {
		this.pending.incrementAndGet();
		Runnable first = () -> attempt(notification, 1, chaos);
		if (delayMs <= 0) {
			this.scheduler.execute(first);
		}
		else {
			this.scheduler.schedule(first, delayMs, TimeUnit.MILLISECONDS);
		}
	}

	private void attempt(Notification notification, int number, String chaos) {
		send(notification, number, null, chaos).whenComplete((status, error) -> {
			boolean done = status != null && status >= 200 && status < 300;
			List<Duration> schedule = notification.v2() ? V2_RETRY_SCHEDULE : RETRY_SCHEDULE;
			if (done || number > schedule.size()) {
				this.pending.decrementAndGet();
				return;
			}
			long delayNanos = (long) (schedule.get(number - 1).toNanos() * this.timeScale);
			try {
				this.scheduler.schedule(() -> attempt(notification, number + 1, chaos), delayNanos,
						TimeUnit.NANOSECONDS);
			}
			catch (RuntimeException ex) {
				this.pending.decrementAndGet();
			}
		});
	}

	private CompletableFuture<Integer> send(Notification notification, int number, String forged, String chaos) {
		if (notification.v2()) {
			return sendV2(notification, number, forged, chaos);
		}
		byte[] body = notification.body().getBytes(StandardCharsets.UTF_8);
		long now = this.signingClock.instant().getEpochSecond();
		String timestamp = Long.toString("STALE_TIMESTAMP".equals(forged) ? now - 3600 : now);
		String nonce = Signatures.nonce(32);
		PlatformIdentity.Signer signer = this.identity.callbackSigner(notification.mchid());
		String signature = signature(forged, Signatures.replyMessage(timestamp, nonce, body), signer);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", "application/json");
		headers.put("Wechatpay-Timestamp", timestamp);
		headers.put("Wechatpay-Nonce", nonce);
		headers.put("Wechatpay-Signature", signature);
		headers.put("Wechatpay-Serial", signer.serial());
		headers.put("Wechatpay-Signature-Type", SIGNATURE_TYPE);
		Instant sentAt = Instant.now();
		CompletableFuture<Integer> answer;
		try {
			answer = this.sender.post(notification.notifyUrl(), headers, body);
		}
		catch (IllegalArgumentException ex) {
			record(notification, number, null, "bad notify_url: " + ex.getMessage(), forged, chaos);
			return CompletableFuture.completedFuture(null);
		}
		return answer.handle((status, failure) -> {
			Throwable error = (failure instanceof CompletionException) ? failure.getCause() : failure;
			String problem = (error != null) ? error.getClass().getSimpleName() + ": " + error.getMessage() : null;
			record(new CallbackAttempt(notification.id(), notification.mchid(), notification.outTradeNo(),
					notification.outRefundNo(), notification.eventType(), number, sentAt, status, problem, forged,
					chaos, notification.notifyUrl()));
			return status;
		});
	}

	/**
	 * A v2 callback: XML, no signature headers; acknowledged only by an answer whose
	 * {@code return_code} is SUCCESS (2xx with anything else is retried, as WeChat does).
	 */
	private CompletableFuture<Integer> sendV2(Notification notification, int number, String forged, String chaos) {
		String xml = (forged != null && !"STALE_TIMESTAMP".equals(forged)) ? notification.forgedBody()
				: notification.body();
		Instant sentAt = Instant.now();
		CompletableFuture<NotifySender.Reply> answer;
		try {
			answer = this.sender.postForReply(notification.notifyUrl(), Map.of("Content-Type", "text/xml"),
					xml.getBytes(StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException ex) {
			record(notification, number, null, "bad notify_url: " + ex.getMessage(), forged, chaos);
			return CompletableFuture.completedFuture(null);
		}
		return answer.handle((reply, failure) -> {
			Throwable error = (failure instanceof CompletionException) ? failure.getCause() : failure;
			Integer status = (reply != null) ? reply.status() : null;
			boolean acknowledged = reply != null && status / 100 == 2 && V2Callbacks.acknowledged(reply.body());
			String problem = (error != null) ? error.getClass().getSimpleName() + ": " + error.getMessage()
					: acknowledged ? null : "answer's return_code is not SUCCESS";
			record(new CallbackAttempt(notification.id(), notification.mchid(), notification.outTradeNo(),
					notification.outRefundNo(), notification.eventType(), number, sentAt, status, problem, forged,
					chaos, notification.notifyUrl()));
			return acknowledged ? status : Integer.valueOf(0);
		});
	}

	private String signature(String forged, byte[] message, PlatformIdentity.Signer signer) {
		if ("FORGE_SIGNATURE".equals(forged)) {
			byte[] random = new byte[256];
			new java.security.SecureRandom().nextBytes(random);
			return java.util.Base64.getEncoder().encodeToString(random);
		}
		if ("WRONG_KEY".equals(forged)) {
			if (this.wrongKey == null) {
				this.wrongKey = Pem.generateRsa2048().getPrivate();
			}
			return Signatures.sign(this.wrongKey, message);
		}
		return signer.sign(message);
	}

	private void record(Notification notification, int number, Integer status, String error, String forged,
			String chaos) {
		record(new CallbackAttempt(notification.id(), notification.mchid(), notification.outTradeNo(),
				notification.outRefundNo(), notification.eventType(), number, Instant.now(), status, error, forged,
				chaos, notification.notifyUrl()));
	}

	private void record(CallbackAttempt attempt) {
		this.attempts.add(attempt);
		if (attempt.outTradeNo() != null) {
			this.attemptsByOrder.computeIfAbsent(attempt.outTradeNo(), (k) -> new ConcurrentLinkedQueue<>())
				.add(attempt);
		}
		if (!attempt.answered2xx()) {
			log.debug("Callback {} attempt {} for out_trade_no={}: {} {}", attempt.eventType(), attempt.attempt(),
					attempt.outTradeNo(), attempt.status(), attempt.error());
		}
	}

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
