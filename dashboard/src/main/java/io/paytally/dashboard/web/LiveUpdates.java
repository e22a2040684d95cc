package io.paytally.dashboard.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.paytally.dashboard.DashboardSettings;
import io.paytally.dashboard.view.ViewChanges;
import io.paytally.schemas.PaymentAnomaly;

/**
 * Pushes the views' changes to every open page as server-sent events: at most one
 * {@code change} event (naming the views that changed) per push interval, an
 * {@code anomaly} event for each anomaly that came in, and a comment every 15 s to keep
 * proxies from closing a quiet connection.
 */
@Component
class LiveUpdates implements ViewChanges, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(LiveUpdates.class);

	private static final int MAX_ANOMALIES_PER_PUSH = 50;

	private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();

	private final Set<View> dirty = EnumSet.noneOf(View.class);

	private final ConcurrentLinkedQueue<PaymentAnomaly> anomalies = new ConcurrentLinkedQueue<>();

	private final ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "dashboard-push");
		thread.setDaemon(true);
		return thread;
	});

	private long pushes;

	LiveUpdates(DashboardSettings settings) {
		long interval = Math.max(50, settings.pushInterval().toMillis());
		this.pusher.scheduleWithFixedDelay(this::push, interval, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public void changed(View view) {
		synchronized (this.dirty) {
			this.dirty.add(view);
		}
	}

	@Override
	public void anomaly(PaymentAnomaly anomaly) {
		if (!this.emitters.isEmpty() && this.anomalies.size() < MAX_ANOMALIES_PER_PUSH) {
			this.anomalies.add(anomaly);
		}
	}

	/** A new subscriber: it gets a {@code hello} event at once. */
	SseEmitter subscribe() {
		SseEmitter emitter = new SseEmitter(0L);
		emitter.onCompletion(() -> this.emitters.remove(emitter));
		emitter.onTimeout(() -> this.emitters.remove(emitter));
		emitter.onError((ex) -> this.emitters.remove(emitter));
		this.emitters.add(emitter);
		send(emitter, SseEmitter.event().name("hello").data(Map.of("views", View.values())));
		return emitter;
	}

	int subscribers() {
		return this.emitters.size();
	}

	private void push() {
		try {
			List<View> changed;
			synchronized (this.dirty) {
				changed = new ArrayList<>(this.dirty);
				this.dirty.clear();
			}
			List<Pages.AnomalyRow> arrived = new ArrayList<>();
			PaymentAnomaly anomaly;
			while ((anomaly = this.anomalies.poll()) != null) {
				arrived.add(Pages.AnomalyRow.of(anomaly));
			}
			boolean heartbeat = (++this.pushes % 30) == 0;
			for (SseEmitter emitter : this.emitters) {
				if (!changed.isEmpty()) {
					send(emitter, SseEmitter.event().name("change").data(Map.of("views", changed)));
				}
				for (Pages.AnomalyRow row : arrived) {
					send(emitter, SseEmitter.event().name("anomaly").data(row));
				}
				if (heartbeat) {
					send(emitter, SseEmitter.event().comment("alive"));
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Pushing the dashboard's changes failed", ex);
		}
	}

	private void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
		try {
			emitter.send(event);
		}
		catch (IOException | IllegalStateException ex) {
			this.emitters.remove(emitter);
			emitter.completeWithError(ex);
		}
	}

	@Override
	public void destroy() {
		this.pusher.shutdownNow();
		this.emitters.forEach(SseEmitter::complete);
		this.emitters.clear();
	}

}
