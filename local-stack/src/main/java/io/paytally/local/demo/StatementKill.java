package io.paytally.local.demo;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paytally.local.service.Service;
import io.paytally.local.service.Wiring;
import io.paytally.local.stack.LocalStack;
import io.paytally.schemas.DailyStatement;
import io.paytally.schemas.topics.Topic;

/**
 * The statement of one merchant killed in the middle of its load, and what the next run
 * made of it. {@link #killMidLoad} runs {@code paytally statement} for the merchant and
 * day in a JVM of its own ({@link PaytallyJvm}) on the stack's database, Kafka and bill
 * directory, its bill loaded one line per transaction; it watches the job repository and,
 * once the load step has committed lines and is still running, kills the JVM with SIGKILL
 * while it holds the lock on the step's row: the next chunk, which would commit its lines
 * with the step's counts, waits for that lock, so the lines committed at the kill are
 * exactly those seen and the load cannot finish between the look and the kill. A load
 * that ended before it could be killed is reported as such ({@link KillCameTooLate}).
 * {@link #restartOf} then reads what the statement run after it did: the dead run's
 * execution marked failed (or abandoned), the same job instance restarted to completion,
 * the bill's lines, and the merchant's day on {@code recon.statements}.
 */
final class StatementKill {

	private static final Logger logger = LoggerFactory.getLogger(StatementKill.class);

	/**
	 * Bill lines per load transaction of the killed run: one, so that even a small day's
	 * load takes as many commits as the bill has lines, and is caught in the middle.
	 */
	static final int CHUNK_SIZE = 1;

	/**
	 * How long the command may take to start, fetch the bill and commit its first line.
	 */
	static final Duration LOAD_WAIT = Duration.ofMinutes(3);

	/** How often the job repository is looked at. */
	private static final Duration POLL = Duration.ofMillis(10);

	private static final String LOAD_STEP = "loadBillStep";

	private static final String JOB = "dailyStatement";

	private StatementKill() {
	}

	/**
	 * Runs the statement of {@code mchid} for {@code day} as a command in a JVM of its
	 * own and kills it with SIGKILL once its load has committed some lines and not
	 * finished.
	 * @param stack the stack whose database, Kafka, sandbox and data directory the
	 * command uses
	 * @param day the bill date
	 * @param mchid the merchant
	 * @return what the dead run left
	 * @throws KillCameTooLate when the command finished its load, or ended, before the
	 * kill
	 */
	static Killed killMidLoad(LocalStack stack, LocalDate day, String mchid) {
		Wiring wiring = stack.wiring();
		long started = System.nanoTime();
		// the connection stays open until the command is dead: the stack's H2 file
		// (AUTO_SERVER) is then served by this JVM, never by the one killed
		try (Connection repository = connect(wiring)) {
			long before = lastStepExecution(repository);
			Path log = stack.options().dataDir().resolve("logs").resolve("statement-killed-" + mchid + ".log");
			PaytallyJvm command = PaytallyJvm.start(arguments(stack, day, mchid), environment(wiring), log);
			logger.info("Statement of {} for {} started in a JVM of its own, to be killed mid-load (output: {})", mchid,
					day, log);
			try {
				return awaitLoadAndKill(repository, command, before, mchid, day, started);
			}
			finally {
				if (command.isAlive()) {
					command.kill();
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(
					"The job repository of " + wiring.jdbcUrl() + " could not be read: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the statement of " + mchid + " was loading", ex);
		}
	}

	/** The command line of the killed run: {@code paytally statement ...}. */
	static List<String> arguments(LocalStack stack, LocalDate day, String mchid) {
		Wiring wiring = stack.wiring();
		List<String> arguments = new ArrayList<>(List.of("statement", "--date=" + day, "--mchid=" + mchid,
				"--sandbox=" + stack.sandbox().baseUrl(), "--kafka=" + stack.kafka(), "--db=" + wiring.jdbcUrl(),
				"--data-dir=" + stack.options().dataDir().toAbsolutePath()));
		if (wiring.jdbcUser() != null) {
			arguments.add("--db-user=" + wiring.jdbcUser());
		}
		Map<String, Object> batch = new LinkedHashMap<>(stack.options().extra().getOrDefault(Service.BATCH, Map.of()));
		batch.put("paytally.batch.chunk-size", CHUNK_SIZE);
		batch.forEach((name, value) -> arguments.add("--" + name + "=" + value));
		return arguments;
	}

	/**
	 * The password in the environment, where batch-jobs reads it, not on the command
	 * line.
	 */
	private static Map<String, String> environment(Wiring wiring) {
		Map<String, String> environment = new HashMap<>();
		if (wiring.jdbcPassword() != null) {
			environment.put("PAYTALLY_BATCH_DB_PASSWORD", wiring.jdbcPassword());
		}
		return environment;
	}

	private static Killed awaitLoadAndKill(Connection repository, PaytallyJvm command, long before, String mchid,
			LocalDate day, long started) throws SQLException, InterruptedException {
		long deadline = started + LOAD_WAIT.toNanos();
		repository.setAutoCommit(false);
		while (true) {
			if (!command.isAlive()) {
				throw new KillCameTooLate(
						"the statement command of " + mchid + " ended (exit code " + command.exitValue()
								+ ") before its load had committed a line; its output ends:\n" + command.output());
			}
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("the statement of " + mchid + " had not committed a bill line within "
						+ LOAD_WAIT + "; its output ends:\n" + command.output());
			}
			LoadStep load;
			try {
				load = lockedLoadStep(repository, before);
			}
			catch (SQLException ex) {
				// the command has not created the job repository yet
				repository.rollback();
				Thread.sleep(POLL.toMillis());
				continue;
			}
			if (load != null && !load.running()) {
				repository.commit();
				throw new KillCameTooLate("the load of " + mchid + "'s bill had ended (" + load.status() + ", "
						+ load.written() + " lines) before the kill");
			}
			if (load != null && load.written() > 0) {
				// its next commit waits for the lock held here
				int exitCode = command.kill();
				long instance = jobInstance(repository, load.jobExecution());
				repository.commit();
				Killed killed = new Killed(mchid, day, instance, load.jobExecution(), load.written(), exitCode,
						Duration.ofNanos(System.nanoTime() - started));
				logger.info("Statement of {} for {} killed mid-load: {}", mchid, day, killed.line());
				return killed;
			}
			repository.commit();
			Thread.sleep(POLL.toMillis());
		}
	}

	/**
	 * The load step of the command's run, its row locked until the transaction ends; null
	 * while it has not started.
	 */
	private static LoadStep lockedLoadStep(Connection repository, long before) throws SQLException {
		try (PreparedStatement select = repository.prepareStatement("SELECT JOB_EXECUTION_ID, STATUS, WRITE_COUNT"
				+ " FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = ? AND STEP_EXECUTION_ID > ? FOR UPDATE")) {
			select.setString(1, LOAD_STEP);
			select.setLong(2, before);
			try (ResultSet row = select.executeQuery()) {
				return row.next() ? new LoadStep(row.getLong(1), row.getString(2), row.getLong(3)) : null;
			}
		}
	}

	private static long lastStepExecution(Connection repository) throws SQLException {
		try (PreparedStatement select = repository
			.prepareStatement("SELECT COALESCE(MAX(STEP_EXECUTION_ID), 0) FROM BATCH_STEP_EXECUTION");
				ResultSet row = select.executeQuery()) {
			row.next();
			return row.getLong(1);
		}
		catch (SQLException ex) {
			// no job repository yet: the command creates it
			if (!repository.getAutoCommit()) {
				repository.rollback();
			}
			return 0;
		}
	}

	private static long jobInstance(Connection repository, long jobExecution) throws SQLException {
		try (PreparedStatement select = repository
			.prepareStatement("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?")) {
			select.setLong(1, jobExecution);
			try (ResultSet row = select.executeQuery()) {
				row.next();
				return row.getLong(1);
			}
		}
	}

	/**
	 * What the statement run after the kill made of the dead run: read from the job
	 * repository, the bill's lines and {@code recon.statements}.
	 * @param stack the stack
	 * @param killed the dead run
	 * @param timeout how long {@code recon.statements} may take to be read to its end
	 * @return the restart
	 */
	static Restart restartOf(LocalStack stack, Killed killed, Duration timeout) {
		try (Connection repository = connect(stack.wiring())) {
			List<Execution> executions = new ArrayList<>();
			try (PreparedStatement select = repository.prepareStatement("SELECT JOB_EXECUTION_ID, STATUS, EXIT_CODE"
					+ " FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ? ORDER BY JOB_EXECUTION_ID")) {
				select.setLong(1, killed.jobInstance());
				try (ResultSet rows = select.executeQuery()) {
					while (rows.next()) {
						executions.add(new Execution(rows.getLong(1), rows.getString(2), rows.getString(3)));
					}
				}
			}
			long instances;
			try (PreparedStatement select = repository.prepareStatement("SELECT COUNT(DISTINCT e.JOB_INSTANCE_ID)"
					+ " FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
					+ " JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
					+ " WHERE i.JOB_NAME = ? AND p.PARAMETER_NAME = 'mchid' AND p.PARAMETER_VALUE = ?")) {
				select.setString(1, JOB);
				select.setString(2, killed.mchid());
				try (ResultSet row = select.executeQuery()) {
					row.next();
					instances = row.getLong(1);
				}
			}
			long billLines;
			try (PreparedStatement select = repository
				.prepareStatement("SELECT COUNT(*) FROM bill_line WHERE mchid = ? AND bill_date = ?")) {
				select.setString(1, killed.mchid());
				select.setObject(2, killed.day());
				try (ResultSet row = select.executeQuery()) {
					row.next();
					billLines = row.getLong(1);
				}
			}
			long records = statementRecords(stack.kafka(), DailyStatement.key(killed.mchid(), killed.day()), timeout);
			return new Restart(killed, executions, instances, billLines, records);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(
					"The job repository of " + stack.wiring().jdbcUrl() + " could not be read: " + ex.getMessage(), ex);
		}
	}

	/** The committed records of one key on {@code recon.statements}, read to its end. */
	static long statementRecords(String bootstrapServers, String key, Duration timeout) {
		Map<String, Object> props = new HashMap<>();
		props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		long count = 0;
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(Topic.STATEMENTS.topicName(), timeout)
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
			long deadline = System.nanoTime() + timeout.toNanos();
			while (partitions.stream().anyMatch((p) -> consumer.position(p) < ends.get(p))) {
				if (System.nanoTime() - deadline > 0) {
					throw new IllegalStateException(
							Topic.STATEMENTS.topicName() + " was not read to its end within " + timeout);
				}
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (key.equals(record.key()) && record.value() != null) {
						count++;
					}
				}
			}
		}
		return count;
	}

	private static Connection connect(Wiring wiring) throws SQLException {
		return DriverManager.getConnection(wiring.jdbcUrl(), wiring.jdbcUser(),
				(wiring.jdbcPassword() != null) ? wiring.jdbcPassword() : "");
	}

	/**
	 * What the killed run left.
	 *
	 * @param mchid the merchant
	 * @param day the bill date
	 * @param jobInstance its job instance (the merchant's day and run number)
	 * @param jobExecution its execution
	 * @param committedLines the bill lines its load had committed at the kill
	 * @param exitCode the JVM's exit code (137: SIGKILL)
	 * @param after from the command's start to its death
	 */
	record Killed(String mchid, LocalDate day, long jobInstance, long jobExecution, long committedLines, int exitCode,
			Duration after) {

		String line() {
			return String.format(
					"killed the statement of %s (paytally statement, a JVM of its own) mid-load with SIGKILL, %d s "
							+ "after its start: %d bill %s committed by job execution %d (exit code %d)",
					this.mchid, this.after.toSeconds(), this.committedLines,
					(this.committedLines == 1) ? "line" : "lines", this.jobExecution, this.exitCode);
		}

	}

	/**
	 * One execution of a job instance.
	 *
	 * @param id its id
	 * @param status its batch status
	 * @param exitCode its exit code
	 */
	record Execution(long id, String status, String exitCode) {

		@Override
		public String toString() {
			// in words, not the status's name: the faults' log says FAILED of a fault
			// that failed
			return "execution " + this.id + " " + this.status.toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * What the statement run after the kill made of it.
	 *
	 * @param killed the killed run
	 * @param executions the executions of the killed run's job instance, in order
	 * @param instances the merchant's job instances of {@code dailyStatement} (every day
	 * and run)
	 * @param billLines the day's bill lines in the database
	 * @param statementRecords the merchant's day's records on {@code recon.statements}
	 */
	record Restart(Killed killed, List<Execution> executions, long instances, long billLines, long statementRecords) {

		/**
		 * Whether the dead run was marked failed (or abandoned), the same job instance
		 * restarted to completion, the kill left lines to load, and one statement was
		 * published.
		 */
		boolean agrees() {
			return this.executions.size() >= 2 && this.executions.get(0).id() == this.killed.jobExecution()
					&& List.of("FAILED", "ABANDONED").contains(this.executions.get(0).status())
					&& "COMPLETED".equals(this.executions.get(this.executions.size() - 1).status())
					&& this.instances == 1 && this.killed.committedLines() < this.billLines
					&& this.statementRecords == 1;
		}

		String line() {
			return String.format(
					"%srestarted the killed statement of %s: the same job instance %d (%s) loaded the other %d of the "
							+ "%d bill lines; %d %s of %s on recon.statements",
					agrees() ? "" : "FAILED: ", this.killed.mchid(), this.killed.jobInstance(),
					String.join(", ", this.executions.stream().map(Execution::toString).toList()),
					this.billLines - this.killed.committedLines(), this.billLines, this.statementRecords,
					(this.statementRecords == 1) ? "record" : "records",
					DailyStatement.key(this.killed.mchid(), this.killed.day()))
					+ ((this.instances != 1) ? "; " + this.instances + " job instances of the merchant's statement"
							: "");
		}

	}

	private record LoadStep(long jobExecution, String status, long written) {

		/** Whether it runs: created ({@code STARTING}) or started. */
		boolean running() {
			return "STARTING".equals(this.status) || "STARTED".equals(this.status);
		}

	}

	/** The statement's load ended (or the command did) before it could be killed. */
	static final class KillCameTooLate extends RuntimeException {

		KillCameTooLate(String message) {
			super(message);
		}

	}

}
