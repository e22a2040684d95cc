package io.paytally.batch.bill;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.paytally.batch.internal.AsyncCommit;
import io.paytally.batch.internal.CopyBinary;
import io.paytally.batch.internal.Dialect;
import io.paytally.batch.internal.JobDay;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes parsed bill rows to {@code bill_line} (with a binary {@code COPY} on PostgreSQL,
 * JDBC batches elsewhere) and the summary to {@code bill_summary}, in the chunk's
 * transaction.
 */
public final class BillRowWriter implements ItemWriter<ParsedBillLine>, StepExecutionListener {

	static final String COLUMNS = "mchid, bill_date, line_no, trade_time, appid, transaction_id, out_trade_no,"
			+ " trade_type, trade_state, bank_type, currency, settled_amount, coupon_amount, refund_id, out_refund_no,"
			+ " refund_amount, coupon_refund_amount, refund_type, refund_status, fee_milli_fen, rate, order_amount,"
			+ " refund_requested_amount, attach";

	private static final String INSERT = "INSERT INTO bill_line (" + COLUMNS
			+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	private Dialect dialect;

	private JobDay day;

	public BillRowWriter(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.dataSource = jdbc.getDataSource();
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.day = JobDay.of(stepExecution);
		if (this.dialect == null) {
			this.dialect = Dialect.of(this.dataSource);
		}
	}

	@Override
	public void write(Chunk<? extends ParsedBillLine> chunk) {
		List<BillRow> rows = new ArrayList<>(chunk.size());
		for (ParsedBillLine line : chunk) {
			if (line instanceof BillRow row) {
				rows.add(row);
			}
			else if (line instanceof BillSummary summary) {
				writeSummary(summary);
			}
		}
		if (this.dialect == Dialect.POSTGRESQL) {
			AsyncCommit.forThisTransaction(this.jdbc);
			copy(rows);
		}
		else {
			insert(rows);
		}
	}

	private void copy(List<BillRow> rows) {
		if (rows.isEmpty()) {
			return;
		}
		String mchid = this.day.mchid();
		LocalDate billDate = this.day.billDate();
		try (CopyBinary copy = CopyBinary.start(this.dataSource, "bill_line (" + COLUMNS + ")")) {
			for (BillRow r : rows) {
				copy.row(24)
					.text(mchid)
					.date(billDate)
					.int8(r.lineNo())
					.timestamp(r.tradeTime())
					.text(r.appid())
					.text(r.transactionId())
					.text(r.outTradeNo())
					.text(r.tradeType())
					.text(r.tradeState())
					.text(r.bankType())
					.text(r.currency())
					.int8(r.settledAmount())
					.int8(r.couponAmount())
					.text(r.refundId())
					.text(r.outRefundNo())
					.int8(r.refundAmount())
					.int8(r.couponRefundAmount())
					.text(r.refundType())
					.text(r.refundStatus())
					.int8(r.feeMilliFen())
					.text(r.rate())
					.int8(r.orderAmount())
					.int8(r.refundRequestedAmount())
					.text(r.attach());
			}
			copy.finish();
		}
	}

	private void insert(List<BillRow> rows) {
		this.jdbc.batchUpdate(INSERT, rows, rows.size(), (ps, r) -> {
			ps.setString(1, this.day.mchid());
			ps.setObject(2, this.day.billDate());
			ps.setLong(3, r.lineNo());
			ps.setObject(4, r.tradeTime());
			ps.setString(5, r.appid());
			ps.setString(6, r.transactionId());
			ps.setString(7, r.outTradeNo());
			ps.setString(8, r.tradeType());
			ps.setString(9, r.tradeState());
			ps.setString(10, r.bankType());
			ps.setString(11, r.currency());
			ps.setLong(12, r.settledAmount());
			ps.setLong(13, r.couponAmount());
			ps.setString(14, r.refundId());
			ps.setString(15, r.outRefundNo());
			ps.setLong(16, r.refundAmount());
			ps.setLong(17, r.couponRefundAmount());
			ps.setString(18, r.refundType());
			ps.setString(19, r.refundStatus());
			ps.setLong(20, r.feeMilliFen());
			ps.setString(21, r.rate());
			ps.setLong(22, r.orderAmount());
			ps.setLong(23, r.refundRequestedAmount());
			ps.setString(24, r.attach());
		});
	}

	private void writeSummary(BillSummary s) {
		this.jdbc.update("DELETE FROM bill_summary WHERE mchid = ? AND bill_date = ?", this.day.mchid(),
				this.day.billDate());
		this.jdbc.update(
				"INSERT INTO bill_summary (mchid, bill_date, line_no, total_count, settled_amount,"
						+ " refund_amount, coupon_refund_amount, fee_milli_fen, order_amount, refund_requested_amount)"
						+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				this.day.mchid(), this.day.billDate(), s.lineNo(), s.totalCount(), s.settledAmount(), s.refundAmount(),
				s.couponRefundAmount(), s.feeMilliFen(), s.orderAmount(), s.refundRequestedAmount());
	}

}
