package io.paytally.batch.internal;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code SET LOCAL synchronous_commit = off} (PostgreSQL only) for a bulk transaction
 * that carries its own restart point: a chunk of bill lines with the step's line count, a
 * batch of {@code orders.state} records with their offsets. Its commit does not wait for
 * the WAL to reach the disk. A database crash may lose the last such commits, never half
 * of one, so the step restarts from an earlier point that is consistent; and the step's
 * own end is an ordinary commit, which flushes everything before it.
 */
public final class AsyncCommit {

	private AsyncCommit() {
	}

	/** Turns off waiting for the WAL flush at the commit of the current transaction. */
	public static void forThisTransaction(JdbcTemplate jdbc) {
		jdbc.execute("SET LOCAL synchronous_commit = off");
	}

}
