package io.paytally.batch.bill;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lines of WeChat's ALL trade bill: a pure function of the line, the merchant
 * and nothing else. Values lose their leading backtick; yuan become fen and the fee
 * milli-fen by exact decimal arithmetic (never a {@code double}); times stay Beijing
 * local times.
 */
public final class BillLineParser {

	/** Columns of a detail row of an ALL bill. */
	public static final int DETAIL_COLUMNS = 27;

	/** Columns of the summary row of an ALL bill. */
	public static final int SUMMARY_COLUMNS = 7;

	/** The first column of the detail header. */
	public static final String HEADER_START = "交易时间";

	/** The first column of the summary header. */
	public static final String SUMMARY_HEADER_START = "总交易单数";

	private final String mchid;

	/**
	 * A parser of one merchant's bill.
	 * @param mchid the merchant whose bill it is; rows of another merchant are malformed
	 */
	public BillLineParser(String mchid) {
		this.mchid = mchid;
	}

	/**
	 * Parses one line.
	 * @param line the line
	 * @return the detail row or summary; {@code null} for a header line
	 * @throws MalformedBillLine if the line cannot be read
	 * @throws BillCorrupt if a header is not the one of an ALL trade bill
	 */
	public ParsedBillLine parse(BillLine line) {
		return switch (line.kind()) {
			case HEADER -> checkHeader(line, HEADER_START, DETAIL_COLUMNS);
			case SUMMARY_HEADER -> checkHeader(line, SUMMARY_HEADER_START, SUMMARY_COLUMNS);
			case DETAIL -> parseRow(line.lineNo(), line.text());
			case SUMMARY -> parseSummary(line.lineNo(), line.text());
		};
	}

	private ParsedBillLine checkHeader(BillLine line, String start, int columns) {
		List<String> names = split(stripBom(line.text()));
		if (names.size() != columns || !names.get(0).trim().equals(start)) {
			throw new BillCorrupt("Line " + line.lineNo() + " is not the header of an ALL trade bill (" + columns
					+ " columns starting with " + start + "): " + abbreviate(line.text()));
		}
		return null;
	}

	/** Parses a detail row. */
	public BillRow parseRow(long lineNo, String text) {
		List<String> f = values(lineNo, text, DETAIL_COLUMNS);
		Field field = new Field(lineNo, text);
		String mchidOfRow = field.required("商户号", f.get(2));
		if (!mchidOfRow.equals(this.mchid)) {
			throw new MalformedBillLine(lineNo, text, "belongs to merchant " + mchidOfRow + ", not " + this.mchid);
		}
		String tradeState = field.required("交易状态", f.get(9));
		if (!BillRow.SUCCESS.equals(tradeState) && !BillRow.REFUND.equals(tradeState)
				&& !"REVOKED".equals(tradeState)) {
			throw new MalformedBillLine(lineNo, text, "unknown 交易状态 " + tradeState);
		}
		String refundId = noneIfZero(f.get(14));
		String outRefundNo = noneIfZero(f.get(15));
		if (BillRow.REFUND.equals(tradeState) && (outRefundNo == null || f.get(19).isEmpty())) {
			throw new MalformedBillLine(lineNo, text, "refund row without 商户退款单号 or 退款状态");
		}
		return new BillRow(lineNo, field.time("交易时间", f.get(0)), blankToNull(f.get(1)), mchidOfRow,
				blankToNull(f.get(3)), blankToNull(f.get(4)), field.required("微信订单号", f.get(5)),
				field.required("商户订单号", f.get(6)), blankToNull(f.get(8)), tradeState, blankToNull(f.get(10)),
				blankToNull(f.get(11)), field.fen("应结订单金额", f.get(12)), field.fen("代金券金额", f.get(13)), refundId,
				outRefundNo, field.fen("退款金额", f.get(16)), field.fen("充值券退款金额", f.get(17)), blankToNull(f.get(18)),
				blankToNull(f.get(19)), blankToNull(f.get(20)), blankToNull(f.get(21)),
				field.milliFen("手续费", f.get(22)), blankToNull(f.get(23)), field.fen("订单金额", f.get(24)),
				field.fen("申请退款金额", f.get(25)), blankToNull(f.get(26)));
	}

	/** Parses the summary row. */
	public BillSummary parseSummary(long lineNo, String text) {
		List<String> f = values(lineNo, text, SUMMARY_COLUMNS);
		Field field = new Field(lineNo, text);
		return new BillSummary(lineNo, field.count("总交易单数", f.get(0)), field.fen("应结订单总金额", f.get(1)),
				field.fen("退款总金额", f.get(2)), field.fen("充值券退款总金额", f.get(3)), field.milliFen("手续费总金额", f.get(4)),
				field.fen("订单总金额", f.get(5)), field.fen("申请退款总金额", f.get(6)));
	}

	private static List<String> values(long lineNo, String text, int columns) {
		List<String> raw = split(text);
		if (raw.size() != columns) {
			throw new MalformedBillLine(lineNo, text, "has " + raw.size() + " columns, expected " + columns);
		}
		List<String> values = new ArrayList<>(columns);
		for (int i = 0; i < raw.size(); i++) {
			String value = raw.get(i);
			if (!value.startsWith("`")) {
				throw new MalformedBillLine(lineNo, text, "column " + (i + 1) + " does not start with a backtick");
			}
			values.add(value.substring(1).trim());
		}
		return values;
	}

	private static List<String> split(String text) {
		List<String> values = new ArrayList<>(DETAIL_COLUMNS);
		int start = 0;
		while (true) {
			int comma = text.indexOf(',', start);
			if (comma < 0) {
				values.add(text.substring(start));
				return values;
			}
			values.add(text.substring(start, comma));
			start = comma + 1;
		}
	}

	private static String stripBom(String text) {
		return (!text.isEmpty() && text.charAt(0) == '\uFEFF') ? text.substring(1) : text;
	}

	private static String blankToNull(String value) {
		return value.isEmpty() ? null : value;
	}

	private static String noneIfZero(String value) {
		return (value.isEmpty() || "0".equals(value)) ? null : value;
	}

	static String abbreviate(String text) {
		return (text.length() <= 120) ? text : text.substring(0, 117) + "...";
	}

	/**
	 * Reads a decimal amount exactly as a whole number of its smallest unit.
	 * @param value a decimal such as {@code 12.50}, {@code -0.03000} or {@code 8}
	 * @param scale the decimals of the unit (2 for fen, 5 for milli-fen)
	 * @return the amount in units
	 * @throws NumberFormatException if the value is not such a decimal or has more
	 * decimals than the scale
	 */
	public static long scaled(String value, int scale) {
		int length = value.length();
		if (length == 0) {
			throw new NumberFormatException("empty amount");
		}
		int i = 0;
		boolean negative = false;
		if (value.charAt(0) == '-' || value.charAt(0) == '+') {
			negative = value.charAt(0) == '-';
			i = 1;
		}
		long units = 0;
		int digits = 0;
		int decimals = -1;
		for (; i < length; i++) {
			char c = value.charAt(i);
			if (c == '.') {
				if (decimals >= 0) {
					throw new NumberFormatException("two decimal points in " + value);
				}
				decimals = 0;
				continue;
			}
			if (c < '0' || c > '9') {
				throw new NumberFormatException("not a decimal amount: " + value);
			}
			if (decimals >= 0 && ++decimals > scale) {
				throw new NumberFormatException("more than " + scale + " decimals in " + value);
			}
			units = Math.addExact(Math.multiplyExact(units, 10), c - '0');
			digits++;
		}
		if (digits == 0 || decimals == 0) {
			throw new NumberFormatException("not a decimal amount: " + value);
		}
		for (int d = Math.max(decimals, 0); d < scale; d++) {
			units = Math.multiplyExact(units, 10);
		}
		return negative ? -units : units;
	}

	private static final class Field {

		private final long lineNo;

		private final String text;

		Field(long lineNo, String text) {
			this.lineNo = lineNo;
			this.text = text;
		}

		String required(String name, String value) {
			if (value.isEmpty()) {
				throw new MalformedBillLine(this.lineNo, this.text, name + " is empty");
			}
			return value;
		}

		LocalDateTime time(String name, String value) {
			// yyyy-MM-dd HH:mm:ss, Beijing time
			if (value.length() != 19 || value.charAt(10) != ' ') {
				throw new MalformedBillLine(this.lineNo, this.text, name + " is not yyyy-MM-dd HH:mm:ss: " + value);
			}
			try {
				return LocalDateTime.of(digits(value, 0, 4), digits(value, 5, 7), digits(value, 8, 10),
						digits(value, 11, 13), digits(value, 14, 16), digits(value, 17, 19));
			}
			catch (DateTimeException | NumberFormatException ex) {
				throw new MalformedBillLine(this.lineNo, this.text, name + " is not a valid time: " + value);
			}
		}

		private static int digits(String value, int from, int to) {
			int result = 0;
			for (int i = from; i < to; i++) {
				char c = value.charAt(i);
				if (c < '0' || c > '9') {
					throw new NumberFormatException(value);
				}
				result = result * 10 + (c - '0');
			}
			if (to < value.length()) {
				char separator = value.charAt(to);
				if (separator != '-' && separator != ':' && separator != ' ') {
					throw new NumberFormatException(value);
				}
			}
			return result;
		}

		long fen(String name, String value) {
			return amount(name, value, 2);
		}

		long milliFen(String name, String value) {
			return amount(name, value, 5);
		}

		long count(String name, String value) {
			try {
				long count = Long.parseLong(value);
				if (count < 0) {
					throw new NumberFormatException();
				}
				return count;
			}
			catch (NumberFormatException ex) {
				throw new MalformedBillLine(this.lineNo, this.text, name + " is not a count: " + value);
			}
		}

		private long amount(String name, String value, int scale) {
			try {
				return scaled(value, scale);
			}
			catch (NumberFormatException | ArithmeticException ex) {
				throw new MalformedBillLine(this.lineNo, this.text, name + " is not an amount in yuan: " + value);
			}
		}

	}

}
