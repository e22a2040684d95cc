package io.paytally.batch.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.paytally.batch.DailyStatementProperties;
import io.paytally.batch.internal.Beijing;
import io.paytally.wechat.MerchantProperties;
import io.paytally.wechat.WechatPayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * The scheduled mode: at the configured time (Asia/Shanghai by default) yesterday is run
 * once for all merchants, in parallel ({@code dailyStatements}); while a merchant's bill
 * is not ready the day is restarted every retry interval, for at most
 * {@code giveUpAfter}: the restart runs only the merchants that did not complete.
 */
public final class DailyStatementSchedule implements InitializingBean, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(DailyStatementSchedule.class);

	private final Statements statements;

	private final WechatPayProperties merchants;

	private final DailyStatementProperties.Schedule settings;

	private final Clock clock;

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	public DailyStatementSchedule(DailyStatementRunner runner, WechatPayProperties merchants,
			DailyStatementProperties properties, Clock clock) {
		this((date, mchids) -> runner.runMerchants(date, mchids, DailyStatementRunner.Mode.ONCE), merchants, properties,
				clock);
	}

	DailyStatementSchedule(Statements statements, WechatPayProperties merchants, DailyStatementProperties properties,
			Clock clock) {
		this.statements = statements;
		this.merchants = merchants;
		this.settings = properties.schedule();
		this.clock = clock;
	}

	@Override
	public void afterPropertiesSet() {
		this.scheduler.setPoolSize(1);
		this.scheduler.setThreadNamePrefix("daily-statement-");
		this.scheduler.initialize();
		this.scheduler.schedule(this::runYesterday, trigger());
		logger.info("Daily statement scheduled at '{}' {}", this.settings.cron(), this.settings.zone());
	}

	/** When the day runs: the configured cron in the configured zone. */
	CronTrigger trigger() {
		return new CronTrigger(this.settings.cron(), this.settings.zone());
	}

	void runYesterday() {
		LocalDate yesterday = Beijing.local(this.clock.instant()).toLocalDate().minusDays(1);
		Instant giveUpAt = this.clock.instant().plus(this.settings.giveUpAfter());
		List<String> mchids = this.merchants.merchants().stream().map(MerchantProperties::mchid).toList();
		if (!mchids.isEmpty()) {
			attempt(mchids, yesterday, giveUpAt);
		}
	}

	private void attempt(List<String> mchids, LocalDate date, Instant giveUpAt) {
		try {
			MerchantsDay day = this.statements.run(date, mchids);
			List<String> notReady = day.merchants()
				.stream()
				.filter((m) -> m.exitCode() == ExitCodes.BILL_NOT_READY)
				.map(MerchantOutcome::mchid)
				.toList();
			if (!notReady.isEmpty()) {
				Instant next = this.clock.instant().plus(this.settings.retryInterval());
				if (next.isAfter(giveUpAt)) {
					logger.error("The bills of {} for {} were still not ready; giving up", notReady, date);
					return;
				}
				// the restart runs the merchants that did not complete, the others stay
				logger.info("The bills of {} for {} are not ready; retrying at {}", notReady, date, next);
				this.scheduler.schedule(() -> attempt(mchids, date, giveUpAt), next);
			}
		}
		catch (Exception ex) {
			logger.error("The statements of {} for {} could not run", mchids, date, ex);
		}
	}

	@Override
	public void destroy() {
		this.scheduler.shutdown();
	}

	/**
	 * Runs the statements of the merchants' day once (restarting what did not complete).
	 */
	@FunctionalInterface
	interface Statements {

		MerchantsDay run(LocalDate date, List<String> mchids) throws Exception;

	}

}
