package io.paytally.batch.bill;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lines of a WeChat Pay trade bill (ALL by default; SUCCESS and REFUND too): a
 * pure function of the line, the merchant and the summary header seen last. Values lose
 * their leading backtick; yuan become fen and the fee milli-fen by exact decimal
 * arithmetic (never a {@code double}); times stay Beijing local times.
 * <p>
 * WeChat does not quote fields: every value of a detail or summary row starts with a
 * backtick, and 商品名称 or 商户数据包 may hold commas, so a row is split on {@code ,`}, never on
 * a bare comma. Genuine bills also carry a byte order mark, CRLF line ends, and counts
 * and zero sums printed with a decimal part ({@code `45.0}, {@code `0.0}) in the summary;
 * all of these are read. Amounts with more decimals than their unit, negative zero,
 * thousands separators and non-ASCII digits are refused by name, never rounded.
 */
public final class BillLineParser {

	/** Columns of a detail row of an ALL bill. */
	public static final int DETAIL_COLUMNS = 27;

	/** Columns of the summary row. */
	public static final int SUMMARY_COLUMNS = 7;

	/** The first column of the detail header. */
	public static final String HEADER_START = "交易时间";

	/** The first column of the summary header. */
	public static final String SUMMARY_HEADER_START = "总交易单数";

	private static final String SEPARATOR = ",`";

	private final String mchid;

	private final BillType type;

	private final Columns columns;

	private List<String> summaryColumns = BillType.SUMMARY_COLUMNS;

	/**
	 * A parser of one merchant's ALL bill.
	 * @param mchid the merchant whose bill it is; rows of another merchant are malformed
	 */
	public BillLineParser(String mchid) {
		this(mchid, BillType.ALL);
	}

	/**
	 * A parser of one kind of bill.
	 * @param mchid the merchant whose bill it is ({@code null}: any merchant)
	 * @param type the kind of bill
	 */
	public BillLineParser(String mchid, BillType type) {
		this.mchid = mchid;
		this.type = type;
		this.columns = new Columns(type);
	}

	/** The kind of bill this parser reads. */
	public BillType type() {
		return this.type;
	}

	/**
	 * Parses one line.
	 * @param line the line
	 * @return the detail row or summary; {@code null} for a header line
	 * @throws MalformedBillLine if a detail row cannot be read
	 * @throws BillCorrupt if a header is not the one of this kind of bill, or the summary
	 * row cannot be read (the bill cannot be checked as a whole then)
	 */
	public ParsedBillLine parse(BillLine line) {
		return switch (line.kind()) {
			case HEADER -> checkHeader(line);
			case SUMMARY_HEADER -> checkSummaryHeader(line);
			case DETAIL -> parseRow(line.lineNo(), line.text());
			case SUMMARY -> summaryOf(line);
		};
	}

	/** The names of a header line, without a byte order mark. */
	static List<String> headerNames(String text) {
		List<String> names = split(stripBom(text), ",");
		names.replaceAll(String::trim);
		return names;
	}

	private ParsedBillLine checkHeader(BillLine line) {
		String difference = this.type.differenceFrom(headerNames(line.text()));
		if (difference != null) {
			throw new BillCorrupt("Line " + line.lineNo() + " is not the header of " + this.type.named() + ": "
					+ difference + ": " + abbreviate(line.text()));
		}
		return null;
	}

	private ParsedBillLine checkSummaryHeader(BillLine line) {
		List<String> names = headerNames(line.text());
		for (int i = 0; i < names.size(); i++) {
			if (!BillType.SUMMARY_COLUMNS.contains(names.get(i)) || names.indexOf(names.get(i)) != i) {
				throw new BillCorrupt("Line " + line.lineNo() + " is not the summary header of a trade bill: column "
						+ (i + 1) + " is " + names.get(i) + ": " + abbreviate(line.text()));
			}
		}
		if (!names.contains(SUMMARY_HEADER_START)) {
			throw new BillCorrupt("Line " + line.lineNo() + " is not the summary header of a trade bill: no "
					+ SUMMARY_HEADER_START + ": " + abbreviate(line.text()));
		}
		if (this.type == BillType.ALL && !names.equals(BillType.SUMMARY_COLUMNS)) {
			throw new BillCorrupt("Line " + line.lineNo() + " is not the summary header of an ALL trade bill ("
					+ String.join(",", BillType.SUMMARY_COLUMNS) + "): " + abbreviate(line.text()));
		}
		this.summaryColumns = List.copyOf(names);
		return null;
	}

	private BillSummary summaryOf(BillLine line) {
		try {
			return parseSummary(line.lineNo(), line.text());
		}
		catch (MalformedBillLine ex) {
			throw new BillCorrupt("Line " + line.lineNo() + ", the summary row, cannot be read: " + ex.reason() + ": "
					+ abbreviate(line.text()));
		}
	}

	/** Parses a detail row. */
	public BillRow parseRow(long lineNo, String text) {
		List<String> f = values(lineNo, text, this.type.columns().size());
		Field field = new Field(lineNo, text);
		Columns c = this.columns;
		String mchidOfRow = field.required("商户号", f.get(c.mchid));
		if (this.mchid != null && !mchidOfRow.equals(this.mchid)) {
			throw new MalformedBillLine(lineNo, text, "belongs to merchant " + mchidOfRow + ", not " + this.mchid);
		}
		String tradeState = field.required("交易状态", f.get(c.tradeState));
		if (!BillRow.SUCCESS.equals(tradeState) && !BillRow.REFUND.equals(tradeState)
				&& !"REVOKED".equals(tradeState)) {
			throw new MalformedBillLine(lineNo, text, "unknown 交易状态 " + tradeState);
		}
		String refundId = noneIfZero(c.get(f, c.refundId));
		String outRefundNo = noneIfZero(c.get(f, c.outRefundNo));
		if (BillRow.REFUND.equals(tradeState) && (outRefundNo == null || c.get(f, c.refundStatus).isEmpty())) {
			throw new MalformedBillLine(lineNo, text, "refund row without 商户退款单号 or 退款状态");
		}
		for (int i : c.extraTimes) {
			if (!f.get(i).isEmpty()) {
				field.time(this.type.columns().get(i), f.get(i));
			}
		}
		return new BillRow(lineNo, field.time("交易时间", f.get(c.tradeTime)), blankToNull(f.get(c.appid)), mchidOfRow,
				blankToNull(f.get(c.subMchid)), blankToNull(f.get(c.deviceInfo)),
				field.required("微信订单号", f.get(c.transactionId)), field.required("商户订单号", f.get(c.outTradeNo)),
				blankToNull(f.get(c.tradeType)), tradeState, blankToNull(f.get(c.bankType)),
				blankToNull(f.get(c.currency)), field.fen("应结订单金额", f.get(c.settledAmount)),
				field.fen("代金券金额", f.get(c.couponAmount)), refundId, outRefundNo,
				field.fenOrZero("退款金额", c.get(f, c.refundAmount)),
				field.fenOrZero("充值券退款金额", c.get(f, c.couponRefundAmount)), blankToNull(c.get(f, c.refundType)),
				blankToNull(c.get(f, c.refundStatus)), blankToNull(f.get(c.body)), blankToNull(f.get(c.attach)),
				field.milliFen("手续费", f.get(c.fee)), blankToNull(f.get(c.rate)),
				field.fen("订单金额", f.get(c.orderAmount)), field.fenOrZero("申请退款金额", c.get(f, c.refundRequestedAmount)),
				blankToNull(f.get(c.rateRemark)));
	}

	/**
	 * Parses the summary row, by the columns of the summary header seen last (the seven
	 * columns of an ALL bill if none was seen); a sum the header does not have is 0.
	 */
	public BillSummary parseSummary(long lineNo, String text) {
		List<String> names = this.summaryColumns;
		List<String> f = values(lineNo, text, names.size());
		Field field = new Field(lineNo, text);
		long[] sums = new long[BillType.SUMMARY_COLUMNS.size()];
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i);
			int at = BillType.SUMMARY_COLUMNS.indexOf(name);
			sums[at] = switch (at) {
				case 0 -> field.count(name, f.get(i));
				case 4 -> field.milliFen(name, f.get(i));
				default -> field.fen(name, f.get(i));
			};
		}
		return new BillSummary(lineNo, sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6]);
	}

	private static List<String> values(long lineNo, String text, int columns) {
		List<String> raw = text.startsWith("`") ? split(text.substring(1), SEPARATOR) : List.of(text);
		if (raw.size() != columns) {
			List<String> plain = split(text, ",");
			if (plain.size() == columns) {
				for (int i = 0; i < plain.size(); i++) {
					if (!plain.get(i).startsWith("`")) {
						throw new MalformedBillLine(lineNo, text,
								"column " + (i + 1) + " does not start with a backtick");
					}
				}
			}
			throw new MalformedBillLine(lineNo, text,
					"has " + Math.max(raw.size(), plain.size()) + " columns, expected " + columns);
		}
		List<String> values = new ArrayList<>(columns);
		for (String value : raw) {
			values.add(value.trim());
		}
		return values;
	}

	private static List<String> split(String text, String separator) {
		List<String> values = new ArrayList<>(DETAIL_COLUMNS + 2);
		int start = 0;
		while (true) {
			int at = text.indexOf(separator, start);
			if (at < 0) {
				values.add(text.substring(start));
				return values;
			}
			values.add(text.substring(start, at));
			start = at + separator.length();
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
	 * @throws AmountRefused if the value is not such a decimal, has more decimals than
	 * the scale, is negative zero, has a thousands separator or a non-ASCII digit
	 */
	public static long scaled(String value, int scale) {
		int length = value.length();
		if (length == 0) {
			throw new AmountRefused("is empty", value);
		}
		int i = (value.charAt(0) == '-') ? 1 : 0;
		boolean negative = i == 1;
		long units = 0;
		int digits = 0;
		int decimals = -1;
		for (; i < length; i++) {
			char c = value.charAt(i);
			if (c == '.') {
				if (decimals >= 0) {
					throw new AmountRefused("is not an amount in yuan", value);
				}
				decimals = 0;
				continue;
			}
			if (c < '0' || c > '9') {
				if (c == ',' || c == '\'' || c == '\u00A0' || c == '\u202F' || c == '\uFF0C') {
					throw new AmountRefused("has a thousands separator", value);
				}
				if (Character.isDigit(c)) {
					throw new AmountRefused("has a non-ASCII digit", value);
				}
				throw new AmountRefused("is not an amount in yuan", value);
			}
			if (decimals >= 0 && ++decimals > scale) {
				throw new AmountRefused("has more decimals than " + ((scale == 2) ? "fen" : "its unit of 10^-" + scale),
						value);
			}
			try {
				units = Math.addExact(Math.multiplyExact(units, 10), c - '0');
			}
			catch (ArithmeticException ex) {
				throw new AmountRefused("is too large", value);
			}
			digits++;
		}
		if (digits == 0 || decimals == 0) {
			throw new AmountRefused("is not an amount in yuan", value);
		}
		if (negative && units == 0) {
			throw new AmountRefused("is negative zero", value);
		}
		try {
			for (int d = Math.max(decimals, 0); d < scale; d++) {
				units = Math.multiplyExact(units, 10);
			}
		}
		catch (ArithmeticException ex) {
			throw new AmountRefused("is too large", value);
		}
		return negative ? -units : units;
	}

	/** An amount that is not read, with the reason it is refused. */
	public static final class AmountRefused extends NumberFormatException {

		private final String reason;

		AmountRefused(String reason, String value) {
			super("Amount " + value + " " + reason);
			this.reason = reason;
		}

		/** Why, e.g. {@code has more decimals than fen}. */
		public String reason() {
			return this.reason;
		}

	}

	/** Where each field of a {@link BillRow} is in one kind of bill; -1 if absent. */
	private static final class Columns {

		final int tradeTime;

		final int appid;

		final int mchid;

		final int subMchid;

		final int deviceInfo;

		final int transactionId;

		final int outTradeNo;

		final int tradeType;

		final int tradeState;

		final int bankType;

		final int currency;

		final int settledAmount;

		final int couponAmount;

		final int refundId;

		final int outRefundNo;

		final int refundAmount;

		final int couponRefundAmount;

		final int refundType;

		final int refundStatus;

		final int body;

		final int attach;

		final int fee;

		final int rate;

		final int orderAmount;

		final int refundRequestedAmount;

		final int rateRemark;

		final int[] extraTimes;

		Columns(BillType type) {
			this.tradeTime = type.indexOf("交易时间");
			this.appid = type.indexOf("公众账号ID");
			this.mchid = type.indexOf("商户号");
			this.subMchid = type.indexOf("特约商户号");
			this.deviceInfo = type.indexOf("设备号");
			this.transactionId = type.indexOf("微信订单号");
			this.outTradeNo = type.indexOf("商户订单号");
			this.tradeType = type.indexOf("交易类型");
			this.tradeState = type.indexOf("交易状态");
			this.bankType = type.indexOf("付款银行");
			this.currency = type.indexOf("货币种类");
			this.settledAmount = type.indexOf("应结订单金额");
			this.couponAmount = type.indexOf("代金券金额");
			this.refundId = type.indexOf("微信退款单号");
			this.outRefundNo = type.indexOf("商户退款单号");
			this.refundAmount = type.indexOf("退款金额");
			this.couponRefundAmount = type.indexOf("充值券退款金额");
			this.refundType = type.indexOf("退款类型");
			this.refundStatus = type.indexOf("退款状态");
			this.body = type.indexOf("商品名称");
			this.attach = type.indexOf("商户数据包");
			this.fee = type.indexOf("手续费");
			this.rate = type.indexOf("费率");
			this.orderAmount = type.indexOf("订单金额");
			this.refundRequestedAmount = type.indexOf("申请退款金额");
			this.rateRemark = type.indexOf("费率备注");
			this.extraTimes = (type == BillType.REFUND) ? new int[] { type.indexOf("退款申请时间"), type.indexOf("退款成功时间") }
					: new int[0];
		}

		/** The value of a column the bill may not have ("" if it has not). */
		String get(List<String> values, int index) {
			return (index < 0) ? "" : values.get(index);
		}

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

		/** An amount of a column the bill may not have: none is 0. */
		long fenOrZero(String name, String value) {
			return value.isEmpty() ? 0 : amount(name, value, 2);
		}

		long milliFen(String name, String value) {
			return amount(name, value, 5);
		}

		/**
		 * A count, which genuine summaries sometimes print with a decimal part of zeros
		 * ({@code 45.0}).
		 */
		long count(String name, String value) {
			int point = value.indexOf('.');
			String whole = (point < 0) ? value : value.substring(0, point);
			if (point >= 0
					&& (point == value.length() - 1 || !value.substring(point + 1).chars().allMatch((c) -> c == '0'))) {
				throw new MalformedBillLine(this.lineNo, this.text, name + " is not a whole count: " + value);
			}
			if (whole.isEmpty() || !whole.chars().allMatch((c) -> c >= '0' && c <= '9')) {
				throw new MalformedBillLine(this.lineNo, this.text, name + " is not a count: " + value);
			}
			try {
				return Long.parseLong(whole);
			}
			catch (NumberFormatException ex) {
				throw new MalformedBillLine(this.lineNo, this.text, name + " is not a count: " + value);
			}
		}

		private long amount(String name, String value, int scale) {
			try {
				return scaled(value, scale);
			}
			catch (AmountRefused ex) {
				throw new MalformedBillLine(this.lineNo, this.text, name + " " + ex.reason() + ": " + value);
			}
		}

	}

}
