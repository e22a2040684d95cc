package io.paytally.batch.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import io.paytally.batch.DailyStatementProperties;
import io.paytally.batch.internal.Beijing;
import io.paytally.wechat.MerchantProperties;
import io.paytally.wechat.WechatPayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * The scheduled mode: at the configured time (Asia/Shanghai by default) each merchant's
 * yesterday is run once; while its bill is not ready the run is retried every retry
 * interval, for at most {@code giveUpAfter}.
 */
public final class DailyStatementSchedule implements InitializingBean, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(DailyStatementSchedule.class);

	private final DailyStatementRunner runner;

	private final WechatPayProperties merchants;

	private final DailyStatementProperties.Schedule settings;

	private final Clock clock;

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	public DailyStatementSchedule(DailyStatementRunner runner, WechatPayProperties merchants,
			DailyStatementProperties properties, Clock clock) {
		this.runner = runner;
		this.merchants = merchants;
		this.settings = properties.schedule();
		this.clock = clock;
	}

	@Override
	public void afterPropertiesSet() {
		this.scheduler.setPoolSize(1);
		this.scheduler.setThreadNamePrefix("daily-statement-");
		this.scheduler.initialize();
		this.scheduler.schedule(this::runYesterday, new CronTrigger(this.settings.cron(), this.settings.zone()));
		logger.info("Daily statement scheduled at '{}' {}", this.settings.cron(), this.settings.zone());
	}

	void runYesterday() {
		LocalDate yesterday = Beijing.local(this.clock.instant()).toLocalDate().minusDays(1);
		Instant giveUpAt = this.clock.instant().plus(this.settings.giveUpAfter());
		for (MerchantProperties merchant : this.merchants.merchants()) {
			attempt(merchant.mchid(), yesterday, giveUpAt);
		}
	}

	private void attempt(String mchid, LocalDate date, Instant giveUpAt) {
		try {
			JobExecution execution = this.runner.run(mchid, date, DailyStatementRunner.Mode.ONCE);
			if (DailyStatementRunner.exitCode(execution) == ExitCodes.BILL_NOT_READY) {
				Instant next = this.clock.instant().plus(this.settings.retryInterval());
				if (next.isAfter(giveUpAt)) {
					logger.error("The bill of {} for {} was still not ready; giving up", mchid, date);
					return;
				}
				logger.info("The bill of {} for {} is not ready; retrying at {}", mchid, date, next);
				this.scheduler.schedule(() -> attempt(mchid, date, giveUpAt), next);
			}
		}
		catch (Exception ex) {
			logger.error("The statement of {} for {} could not run", mchid, date, ex);
		}
	}

	@Override
	public void destroy() {
		this.scheduler.shutdown();
	}

}
