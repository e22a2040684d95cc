package io.paytally.batch;

import java.time.Clock;
import java.util.Map;

import io.paytally.batch.bill.BillNotReady;
import io.paytally.batch.internal.JobRuns;
import io.paytally.batch.schedule.DailyStatementCommand;
import io.paytally.batch.schedule.DailyStatementRunner;
import io.paytally.batch.schedule.DailyStatementSchedule;
import io.paytally.batch.schedule.ExitCodes;
import io.paytally.wechat.WechatPayProperties;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.ExitCodeExceptionMapper;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.MapPropertySource;

/**
 * batch-jobs: the daily statement. {@code dailyStatement --date=2026-11-21 [--mchid=...]}
 * runs a date (several merchants in parallel) and exits with 0 (completed), 2 (failed) or
 * 3 (bill not ready); without the command it serves actuator on port 8083 and, with
 * {@code paytally.batch.schedule.enabled=true}, runs each merchant's yesterday on
 * schedule.
 */
@SpringBootApplication(excludeName = {
		// no Spring Security here, even where its jar is on the classpath (local-stack's
		// one JVM
		// with stream-app): these endpoints answer operations on their own terms
		"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
public class BatchApplication {

	/** The config file name: {@code batch-jobs.yml}. */
	public static final String CONFIG_NAME = "batch-jobs";

	public static void main(String[] args) {
		boolean command = DailyStatementCommand.isCommand(args);
		SpringApplicationBuilder builder = builder();
		if (command) {
			builder.web(WebApplicationType.NONE).listeners(commandOnly());
		}
		ConfigurableApplicationContext context = builder.run(args);
		if (command) {
			System.exit(SpringApplication.exit(context));
		}
	}

	/**
	 * A command runs its day and exits: no schedule and no statement requests in its JVM,
	 * whatever the environment of the service says ({@code PAYTALLY_BATCH_SCHEDULE},
	 * {@code PAYTALLY_BATCH_REQUESTS}). The settings go first, before the config file and
	 * the environment: a request taken by a command would be left running when it exits.
	 */
	static ApplicationListener<ApplicationEnvironmentPreparedEvent> commandOnly() {
		return (event) -> event.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("dailyStatementCommand",
					Map.of("paytally.batch.schedule.enabled", "false", "paytally.batch.requests.enabled", "false")));
	}

	/** A builder of the application with its own config name, for embedding too. */
	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(BatchApplication.class).properties("spring.config.name=" + CONFIG_NAME);
	}

	@Bean
	DailyStatementRunner dailyStatementRunner(JobOperator jobOperator, JobRuns jobRuns, Job dailyStatement,
			Job dailyStatements) {
		return new DailyStatementRunner(jobOperator, jobRuns, dailyStatement, dailyStatements);
	}

	@Bean
	DailyStatementCommand dailyStatementCommand(DailyStatementRunner runner, WechatPayProperties merchants,
			Clock clock) {
		return new DailyStatementCommand(runner, merchants, clock);
	}

	@Bean
	@ConditionalOnProperty(name = "paytally.batch.schedule.enabled", havingValue = "true")
	DailyStatementSchedule dailyStatementSchedule(DailyStatementRunner runner, WechatPayProperties merchants,
			DailyStatementProperties properties, Clock clock) {
		return new DailyStatementSchedule(runner, merchants, properties, clock);
	}

	@Bean
	ExitCodeExceptionMapper dailyStatementExitCodes() {
		return (ex) -> {
			for (Throwable t = ex; t != null; t = t.getCause()) {
				if (t instanceof BillNotReady) {
					return ExitCodes.BILL_NOT_READY;
				}
			}
			return ExitCodes.FAILED;
		};
	}

}
