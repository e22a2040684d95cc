package io.paytally.schemas;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A request to run one merchant's daily statement, and how its run is going. Value of
 * {@code recon.statement-runs}, keyed by {@link #key(String, LocalDate)}: the dashboard
 * writes {@code REQUESTED}, batch-jobs answers on the same key with {@code QUEUED},
 * {@code RUNNING}, {@code RETRYING}, {@code DONE} or {@code FAILED}, carrying the
 * request's id, so the latest record of a merchant's day is where its last request
 * stands.
 *
 * @param mchid the merchant id
 * @param billDate the bill date to reconcile (Beijing time)
 * @param status where the request stands
 * @param requestId the id the requester gave the request; every status of its run carries
 * it
 * @param requestedBy who asked (the dashboard user's name)
 * @param requestedAt when it was asked
 * @param attempt how many times batch-jobs has started the run (0 before the first)
 * @param reason why the run failed or is retried (the exit status and its first line), if
 * it did or is
 * @param nextAttemptAt when a retried run starts again, if it is retried
 * @param updatedAt when this status was written
 */
public record StatementRun(String mchid, LocalDate billDate, StatementRunStatus status, String requestId,
		String requestedBy, Instant requestedAt, int attempt, String reason, Instant nextAttemptAt, Instant updatedAt) {

	public StatementRun {
		Objects.requireNonNull(mchid, "mchid");
		Objects.requireNonNull(billDate, "billDate");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(requestId, "requestId");
		Objects.requireNonNull(requestedBy, "requestedBy");
		Objects.requireNonNull(requestedAt, "requestedAt");
		Objects.requireNonNull(updatedAt, "updatedAt");
	}

	/** A new request of a merchant's day. */
	public static StatementRun requested(String mchid, LocalDate billDate, String requestId, String requestedBy,
			Instant requestedAt) {
		return new StatementRun(mchid, billDate, StatementRunStatus.REQUESTED, requestId, requestedBy, requestedAt, 0,
				null, null, requestedAt);
	}

	/**
	 * The record key of a merchant's day: {@code mchid@yyyy-MM-dd}, as on
	 * recon.statements.
	 */
	public static String key(String mchid, LocalDate billDate) {
		return DailyStatement.key(mchid, billDate);
	}

	/** This record's key. */
	public String key() {
		return key(this.mchid, this.billDate);
	}

	/** The same request at another status. */
	public StatementRun with(StatementRunStatus newStatus, int newAttempt, String newReason, Instant newNextAttemptAt,
			Instant at) {
		return new StatementRun(this.mchid, this.billDate, newStatus, this.requestId, this.requestedBy,
				this.requestedAt, newAttempt, newReason, newNextAttemptAt, at);
	}

	/** Whether the run of this request has ended (done or failed for good). */
	public boolean ended() {
		return this.status == StatementRunStatus.DONE || this.status == StatementRunStatus.FAILED;
	}

}
