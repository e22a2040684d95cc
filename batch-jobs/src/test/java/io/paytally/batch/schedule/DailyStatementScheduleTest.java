package io.paytally.batch.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.paytally.batch.DailyStatementProperties;
import io.paytally.testkit.MutableClock;
import io.paytally.wechat.WechatPayProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.scheduling.support.SimpleTriggerContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled mode: Spring's cron trigger at 10:30 Beijing time by default, yesterday
 * taken in Beijing time, and the retries every retry interval while a bill is not ready,
 * until the give-up time.
 */
class DailyStatementScheduleTest {

	/** 00:30 on 2026-12-02 in Beijing, still 2026-12-01 in UTC. */
	private static final Instant AFTER_MIDNIGHT_IN_BEIJING = Instant.parse("2026-12-01T16:30:00Z");

	private final MutableClock clock = new MutableClock(AFTER_MIDNIGHT_IN_BEIJING);

	private final List<String> calls = new CopyOnWriteArrayList<>();

	private DailyStatementSchedule schedule;

	@AfterEach
	void stop() {
		if (this.schedule != null) {
			this.schedule.destroy();
		}
	}

	@Test
	void runsAtHalfPastTenBeijingTimeByDefault() {
		DailyStatementSchedule schedule = schedule(Map.of(), (date, mchids) -> day(date));
		MutableClock at = new MutableClock(Instant.parse("2026-12-01T03:00:00Z")); // 11:00
																					// Beijing
		assertThat(schedule.trigger().nextExecution(new SimpleTriggerContext(at)))
			.isEqualTo(Instant.parse("2026-12-02T02:30:00Z"));
		at.set(Instant.parse("2026-12-01T02:29:59Z"));
		assertThat(schedule.trigger().nextExecution(new SimpleTriggerContext(at)))
			.isEqualTo(Instant.parse("2026-12-01T02:30:00Z"));
	}

	@Test
	void runsYesterdayInBeijingForEveryMerchantAndRetriesUntilEveryBillIsReady() throws Exception {
		this.schedule = schedule(Map.of(), (date, mchids) -> {
			this.calls.add(date + " " + mchids);
			return (this.calls.size() < 3) ? day(date, "1900000002") : day(date);
		});
		this.schedule.afterPropertiesSet();
		this.schedule.runYesterday();
		awaitCalls(3);
		Thread.sleep(300);
		assertThat(this.calls).containsExactly("2026-12-01 [1900000001, 1900000002]",
				"2026-12-01 [1900000001, 1900000002]", "2026-12-01 [1900000001, 1900000002]");
	}

	@Test
	void givesUpWhenTheNextRetryWouldComeAfterGiveUpAfter() throws Exception {
		this.schedule = schedule(
				Map.of("paytally.batch.schedule.retry-interval", "30m", "paytally.batch.schedule.give-up-after", "1h"),
				(date, mchids) -> {
					this.calls.add(date + " at " + this.clock.instant());
					this.clock.advance(Duration.ofMinutes(30));
					return day(date, "1900000001");
				});
		this.schedule.afterPropertiesSet();
		this.schedule.runYesterday();
		awaitCalls(2);
		Thread.sleep(500);
		// each run takes 30 minutes: the first ends at 17:00 and retries at 17:30, not
		// after the give-up time (16:30 + 1 h); the second ends at 17:30, and a retry at
		// 18:00 would be after it: no third run
		assertThat(this.calls).containsExactly("2026-12-01 at 2026-12-01T16:30:00Z",
				"2026-12-01 at 2026-12-01T17:00:00Z");
	}

	private DailyStatementSchedule schedule(Map<String, String> settings,
			DailyStatementSchedule.Statements statements) {
		Map<String, String> all = new java.util.HashMap<>(settings);
		all.put("paytally.wechat.merchants[0].mchid", "1900000001");
		all.put("paytally.wechat.merchants[1].mchid", "1900000002");
		Binder binder = new Binder(new MapConfigurationPropertySource(all));
		return new DailyStatementSchedule(statements, binder.bindOrCreate("paytally.wechat", WechatPayProperties.class),
				binder.bindOrCreate("paytally.batch", DailyStatementProperties.class), this.clock);
	}

	/** The day's outcome: the merchants named have no bill yet, the others completed. */
	private static MerchantsDay day(LocalDate date, String... notReady) {
		List<String> waiting = List.of(notReady);
		return new MerchantsDay(date, null, List.of("1900000001", "1900000002")
			.stream()
			.map((mchid) -> waiting.contains(mchid)
					? new MerchantOutcome(mchid, 1, BatchStatus.FAILED, "BILL_NOT_READY", ExitCodes.BILL_NOT_READY,
							"not ready")
					: new MerchantOutcome(mchid, 1, BatchStatus.COMPLETED, "COMPLETED", ExitCodes.COMPLETED, ""))
			.toList());
	}

	private void awaitCalls(int count) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (this.calls.size() < count && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
	}

}
