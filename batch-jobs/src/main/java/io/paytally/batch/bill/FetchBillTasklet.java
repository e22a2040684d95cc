package io.paytally.batch.bill;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDateTime;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.billdownload.DigestBillEntity;
import io.paytally.batch.DailyStatementProperties;
import io.paytally.batch.internal.Beijing;
import io.paytally.batch.internal.JobDay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Step 1: fetches the day's ALL bill through the SDK, streams it to a file and verifies
 * its SHA-1 before anything is loaded. No trades that day is an empty bill; a bill not
 * ready yet (before the ready hour, or {@code STATEMENT_CREATING}) is
 * {@link BillNotReady}.
 */
public final class FetchBillTasklet implements Tasklet {

	private static final Logger logger = LoggerFactory.getLogger(FetchBillTasklet.class);

	private final BillDownloads downloads;

	private final DailyStatementProperties properties;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	public FetchBillTasklet(BillDownloads downloads, DailyStatementProperties properties, JdbcTemplate jdbc,
			Clock clock) {
		this.downloads = downloads;
		this.properties = properties;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		JobDay day = JobDay.of(contribution.getStepExecution());
		LocalDateTime now = Beijing.local(this.clock.instant());
		LocalDateTime readyAt = day.billDate().plusDays(1).atTime(this.properties.billReadyHour(), 0);
		if (now.isBefore(readyAt)) {
			throw new BillNotReady("The bill of " + day.mchid() + " for " + day.billDate() + " is not fetched before "
					+ readyAt + " Beijing time");
		}
		BillFile bill = fetch(day);
		bill.save(this.jdbc, now);
		logger.info("Bill of {} for {}: {} ({} bytes)", day.mchid(), day.billDate(), bill.status(), bill.sizeBytes());
		return RepeatStatus.FINISHED;
	}

	private BillFile fetch(JobDay day) throws IOException {
		DigestBillEntity entity;
		try {
			entity = this.downloads.tradeBill(day.mchid(), day.billDate());
		}
		catch (ServiceException ex) {
			if ("NO_STATEMENT_EXIST".equals(ex.getErrorCode())) {
				return new BillFile(day.mchid(), day.billDate(), BillFile.EMPTY, null, null, 0);
			}
			if ("STATEMENT_CREATING".equals(ex.getErrorCode())) {
				throw new BillNotReady("WeChat is still creating the bill of " + day.mchid() + " for " + day.billDate()
						+ ": " + ex.getErrorMessage());
			}
			throw ex;
		}
		Path target = this.properties.billDir().resolve(day.mchid()).resolve(day.billDate() + ".csv");
		Files.createDirectories(target.getParent());
		Path partial = target.resolveSibling(target.getFileName() + ".part");
		long size = save(day, entity, partial);
		Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		return new BillFile(day.mchid(), day.billDate(), BillFile.READY, target.toAbsolutePath(), null, size);
	}

	/**
	 * Streams a downloaded bill into a file and checks its SHA-1.
	 * @return the file size
	 * @throws BillHashMismatch if the hash differs (the file is deleted)
	 */
	static long save(JobDay day, DigestBillEntity entity, Path partial) throws IOException {
		long size;
		try (InputStream in = entity.getInputStream(); OutputStream out = Files.newOutputStream(partial)) {
			size = in.transferTo(out);
		}
		if (!entity.verifyHash()) {
			Files.deleteIfExists(partial);
			throw new BillHashMismatch(day.mchid(), day.billDate());
		}
		return size;
	}

}
