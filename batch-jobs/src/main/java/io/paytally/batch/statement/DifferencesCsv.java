package io.paytally.batch.statement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code differences.csv} through Apache Commons CSV: RFC 4180 with CRLF, UTF-8 behind a
 * byte order mark (so that Excel reads the Chinese right), one row per difference with
 * both sides' values. Amounts stay numbers (fen); every text cell that a spreadsheet
 * would take for a formula is guarded.
 */
final class DifferencesCsv implements AutoCloseable {

	/** The header: the columns of {@code recon_difference}, amounts named in fen. */
	static final String[] HEADER = { "difference_class", "out_trade_no", "out_refund_no", "merchant_order_no",
			"related_out_trade_no", "transaction_id", "bill_line_no", "bill_time", "bill_state", "bill_amount_fen",
			"bill_refund_amount_fen", "local_status", "local_amount_fen", "local_paid_amount_fen", "local_paid_at",
			"local_refund_amount_fen", "local_refund_status" };

	static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader(HEADER).get();

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final CSVPrinter printer;

	DifferencesCsv(Writer out) throws IOException {
		out.write('\uFEFF');
		this.printer = new CSVPrinter(out, FORMAT);
	}

	void print(Difference d) {
		try {
			this.printer.printRecord(text(d.differenceClass()), text(d.outTradeNo()), text(d.outRefundNo()),
					text(d.merchantOrderNo()), text(d.relatedOutTradeNo()), text(d.transactionId()), d.billLineNo(),
					time(d.billTime()), text(d.billState()), d.billAmount(), d.billRefundAmount(),
					text(d.localStatus()), d.localAmount(), d.localPaidAmount(), time(d.localPaidAt()),
					d.localRefundAmount(), text(d.localRefundStatus()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		this.printer.close(true);
	}

	/**
	 * A text cell that no spreadsheet runs as a formula: a value starting with {@code =},
	 * {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a leading
	 * {@code '} (OWASP, CSV injection). {@code null} stays an empty cell.
	 */
	static String text(String value) {
		if (value == null || value.isEmpty()) {
			return value;
		}
		return switch (value.charAt(0)) {
			case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
			default -> value;
		};
	}

	private static String time(LocalDateTime time) {
		return (time != null) ? TIME.format(time) : null;
	}

}
