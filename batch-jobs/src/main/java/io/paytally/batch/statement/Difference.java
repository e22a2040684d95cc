package io.paytally.batch.statement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;

import org.springframework.jdbc.core.RowMapper;

/**
 * One row of {@code recon_difference}: a difference of the day with both sides' values.
 * Amounts in fen, times Beijing local times, {@code null} where a side has nothing.
 */
record Difference(String differenceClass, String outTradeNo, String outRefundNo, String merchantOrderNo,
		String relatedOutTradeNo, String transactionId, Long billLineNo, LocalDateTime billTime, String billState,
		Long billAmount, Long billRefundAmount, String localStatus, Long localAmount, Long localPaidAmount,
		LocalDateTime localPaidAt, Long localRefundAmount, String localRefundStatus) {

	/** The columns, in the order of the record and of the CSV. */
	static final String COLUMNS = "difference_class, out_trade_no, out_refund_no, merchant_order_no,"
			+ " related_out_trade_no, transaction_id, bill_line_no, bill_time, bill_state, bill_amount,"
			+ " bill_refund_amount, local_status, local_amount, local_paid_amount, local_paid_at,"
			+ " local_refund_amount, local_refund_status";

	static final RowMapper<Difference> MAPPER = Difference::of;

	private static Difference of(ResultSet rs, int row) throws SQLException {
		return new Difference(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getObject(7, Long.class), rs.getObject(8, LocalDateTime.class), rs.getString(9),
				rs.getObject(10, Long.class), rs.getObject(11, Long.class), rs.getString(12),
				rs.getObject(13, Long.class), rs.getObject(14, Long.class), rs.getObject(15, LocalDateTime.class),
				rs.getObject(16, Long.class), rs.getString(17));
	}

}
