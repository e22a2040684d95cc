package io.paytally.batch.bill;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The fetched bill of a merchant's day, as recorded in {@code bill_file}.
 *
 * @param mchid the merchant
 * @param billDate the bill date
 * @param status {@code READY} (a verified file) or {@code EMPTY} (no trades that day)
 * @param path the decompressed bill, if READY
 * @param sha1 its SHA-1 as announced by WeChat
 * @param sizeBytes its size
 */
public record BillFile(String mchid, LocalDate billDate, String status, Path path, String sha1, long sizeBytes) {

	public static final String READY = "READY";

	public static final String EMPTY = "EMPTY";

	/** Whether WeChat said there were no trades that day. */
	public boolean isEmpty() {
		return EMPTY.equals(this.status);
	}

	/** Records a fetched bill, replacing an earlier fetch of the day. */
	void save(JdbcTemplate jdbc, LocalDateTime fetchedAt) {
		jdbc.update("DELETE FROM bill_file WHERE mchid = ? AND bill_date = ?", this.mchid, this.billDate);
		jdbc.update(
				"INSERT INTO bill_file (mchid, bill_date, status, file_path, sha1, size_bytes, fetched_at)"
						+ " VALUES (?, ?, ?, ?, ?, ?, ?)",
				this.mchid, this.billDate, this.status, (this.path != null) ? this.path.toString() : null, this.sha1,
				this.sizeBytes, fetchedAt);
	}

	/** The fetched bill of a day. */
	public static BillFile find(JdbcTemplate jdbc, String mchid, LocalDate billDate) {
		List<BillFile> files = jdbc.query(
				"SELECT status, file_path, sha1, size_bytes FROM bill_file WHERE mchid = ? AND bill_date = ?",
				(rs, i) -> new BillFile(mchid, billDate, rs.getString(1),
						(rs.getString(2) != null) ? Path.of(rs.getString(2)) : null, rs.getString(3), rs.getLong(4)),
				mchid, billDate);
		if (files.isEmpty()) {
			throw new IllegalStateException("The bill of " + mchid + " for " + billDate + " was not fetched");
		}
		return files.get(0);
	}

}
