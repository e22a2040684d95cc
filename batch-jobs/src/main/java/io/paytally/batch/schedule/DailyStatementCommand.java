package io.paytally.batch.schedule;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.paytally.batch.internal.Beijing;
import io.paytally.wechat.WechatPayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

/**
 * The command line: {@code dailyStatement --date=2026-11-21 [--mchid=...]} runs that day
 * for one merchant, or for several ({@code --mchid} repeated) or all configured ones in
 * parallel ({@code dailyStatements}; default date: yesterday in Beijing) and sets the
 * process exit code: 0 completed, 2 failed, 3 bill not ready (with several merchants the
 * highest of theirs; each merchant's is logged).
 */
public final class DailyStatementCommand implements ApplicationRunner, ExitCodeGenerator {

	/** The command's name, the first argument. */
	public static final String COMMAND = "dailyStatement";

	private static final Logger logger = LoggerFactory.getLogger(DailyStatementCommand.class);

	private final DailyStatementRunner runner;

	private final WechatPayProperties merchants;

	private final Clock clock;

	private int exitCode;

	public DailyStatementCommand(DailyStatementRunner runner, WechatPayProperties merchants, Clock clock) {
		this.runner = runner;
		this.merchants = merchants;
		this.clock = clock;
	}

	/** Whether a command line asks for the command. */
	public static boolean isCommand(String[] args) {
		return args.length > 0 && COMMAND.equals(args[0]);
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		if (!args.getNonOptionArgs().contains(COMMAND)) {
			return;
		}
		LocalDate date = args.containsOption("date") ? LocalDate.parse(args.getOptionValues("date").get(0))
				: Beijing.local(this.clock.instant()).toLocalDate().minusDays(1);
		List<String> mchids = new ArrayList<>();
		if (args.containsOption("mchid")) {
			mchids.addAll(args.getOptionValues("mchid"));
		}
		else {
			this.merchants.merchants().forEach((m) -> mchids.add(m.mchid()));
		}
		if (mchids.isEmpty()) {
			logger.error("No merchant: give --mchid or configure paytally.wechat.merchants");
			this.exitCode = ExitCodes.FAILED;
			return;
		}
		if (mchids.size() == 1) {
			JobExecution execution = this.runner.run(mchids.get(0), date, DailyStatementRunner.Mode.RUN);
			int code = DailyStatementRunner.exitCode(execution);
			logger.info("dailyStatement {} {}: {} (exit code {})", mchids.get(0), date,
					execution.getExitStatus().getExitCode(), code);
			this.exitCode = code;
			return;
		}
		MerchantsDay day = this.runner.runMerchants(date, mchids, DailyStatementRunner.Mode.RUN);
		this.exitCode = day.exitCode();
		logger.info("dailyStatements {}: {} merchants, exit code {}", date, mchids.size(), this.exitCode);
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
