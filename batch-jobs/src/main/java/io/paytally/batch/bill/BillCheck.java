package io.paytally.batch.bill;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

import io.paytally.schemas.Yuan;

/**
 * Checks a trade bill file by hand, without a database: an ALL, SUCCESS or REFUND bill
 * (told apart by its header), plain or gzip (told apart by its first bytes), as WeChat
 * hands it over or as finance downloads it from the merchant platform. Reads every line
 * with the statement's own {@link BillLineParser}, and says how many rows it holds, which
 * lines it rejects and why, whether the rows add up to the bill's summary (all seven
 * sums), and the SHA-1 of the (decompressed) file, which is what WeChat's
 * {@code hash_value} covers.
 * <p>
 * {@link #run(Path, PrintStream)} prints that and returns the exit code: 0 the summary
 * holds and no line is rejected, 1 some lines are rejected (the rest and the count
 * agree), 2 the bill is corrupt as a whole (not a trade bill, no summary, or a summary
 * that does not add up).
 */
public final class BillCheck {

	/** Exit code: the bill is sound. */
	public static final int SOUND = 0;

	/** Exit code: some lines are rejected; the others and the count agree. */
	public static final int REJECTS = 1;

	/** Exit code: the bill is corrupt as a whole. */
	public static final int CORRUPT = 2;

	private BillCheck() {
	}

	/**
	 * A rejected line.
	 *
	 * @param lineNo its line number in the (decompressed) file
	 * @param reason why
	 */
	public record Reject(long lineNo, String reason) {

	}

	/**
	 * What a check found.
	 *
	 * @param type the kind of bill, {@code null} if it is not a trade bill
	 * @param gzip whether the file was gzip
	 * @param sha1 the SHA-1 of the decompressed file, lowercase hex
	 * @param rows the sums of the rows read (count: rows read, not rejected)
	 * @param refundRows how many of them are refund rows
	 * @param rejects the rejected lines
	 * @param summary the summary row, {@code null} if none was read
	 * @param differences how the rows differ from the summary (empty if they agree)
	 * @param corrupt why the bill is corrupt as a whole, {@code null} if it is not
	 */
	public record Result(BillType type, boolean gzip, String sha1, BillTotals rows, long refundRows,
			List<Reject> rejects, BillSummary summary, List<String> differences, String corrupt) {

		/** Whether the rows (and rejected lines) agree with the summary. */
		public boolean summaryHolds() {
			return this.corrupt == null;
		}

		/** {@link #SOUND}, {@link #REJECTS} or {@link #CORRUPT}. */
		public int exitCode() {
			if (this.corrupt != null) {
				return CORRUPT;
			}
			return this.rejects.isEmpty() ? SOUND : REJECTS;
		}

	}

	/** Command line: {@code BillCheck FILE}; exits with {@link Result#exitCode()}. */
	public static void main(String[] args) {
		if (args.length != 1) {
			System.err.println("usage: BillCheck FILE   (an ALL, SUCCESS or REFUND trade bill, plain or gzip)");
			System.exit(64);
		}
		System.exit(run(Path.of(args[0]), System.out));
	}

	/**
	 * Checks a bill file and prints what it found.
	 * @return the exit code: {@link #SOUND}, {@link #REJECTS} or {@link #CORRUPT}
	 */
	public static int run(Path file, PrintStream out) {
		Result result = check(file, (row) -> {
		});
		print(file, result, out);
		return result.exitCode();
	}

	/** Checks a bill file. */
	public static Result check(Path file, Consumer<BillRow> rows) {
		try (InputStream in = Files.newInputStream(file)) {
			return check(in, rows);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the bill " + file, ex);
		}
	}

	/**
	 * Checks a bill.
	 * @param in the bill's bytes, plain or gzip
	 * @param rows receives every row read
	 */
	public static Result check(InputStream in, Consumer<BillRow> rows) throws IOException {
		BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
		buffered.mark(2);
		boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
		buffered.reset();
		MessageDigest sha1 = sha1();
		InputStream plain = new DigestInputStream(gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered, sha1);
		Check check = new Check(rows);
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(plain, StandardCharsets.UTF_8),
				1 << 16)) {
			check.read(reader);
			// whatever is left after a corrupt part still counts for the hash
			while (reader.read() >= 0) {
				// drain
			}
		}
		return check.result(gzip, HexFormat.of().formatHex(sha1.digest()));
	}

	private static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static void print(Path file, Result result, PrintStream out) {
		out.println("Bill:      " + file + (result.gzip() ? " (gzip)" : ""));
		out.println("Type:      " + ((result.type() != null) ? result.type().named() : "not a trade bill"));
		out.println("SHA-1:     " + result.sha1() + " (of the decompressed file)");
		BillTotals rows = result.rows();
		out.println("Rows:      " + rows.count() + " (" + (rows.count() - result.refundRows()) + " payments, "
				+ result.refundRows() + " refunds)");
		out.println("Sums:      settled " + Yuan.of(rows.settledAmount()) + ", refunds " + Yuan.of(rows.refundAmount())
				+ ", coupon refunds " + Yuan.of(rows.couponRefundAmount()) + ", fees "
				+ Yuan.ofMilliFen(rows.feeMilliFen()) + ", orders " + Yuan.of(rows.orderAmount()) + ", refunds asked "
				+ Yuan.of(rows.refundRequestedAmount()) + " (yuan)");
		out.println("Rejected:  " + result.rejects().size() + " lines");
		for (Reject reject : result.rejects()) {
			out.println("  line " + reject.lineNo() + ": " + reject.reason());
		}
		if (result.summaryHolds()) {
			out.println("Summary:   holds (" + result.summary().totalCount() + " rows" + (result.rejects().isEmpty()
					? ", all seven sums agree)" : " counted; the amounts of the rejected lines are unknown)"));
		}
		else {
			out.println("Summary:   DOES NOT HOLD: " + result.corrupt());
		}
	}

	/** One pass over a bill's lines. */
	private static final class Check {

		private final Consumer<BillRow> sink;

		private final BillLineKinds kinds = new BillLineKinds();

		private final List<Reject> rejects = new ArrayList<>();

		private BillLineParser parser;

		private BillType type;

		private BillTotals totals = BillTotals.NONE;

		private long refundRows;

		private BillSummary summary;

		private String corrupt;

		Check(Consumer<BillRow> sink) {
			this.sink = sink;
		}

		void read(BufferedReader reader) throws IOException {
			String text;
			long lineNo = 0;
			while ((text = reader.readLine()) != null) {
				lineNo++;
				if (text.isBlank()) {
					continue;
				}
				BillLine line = new BillLine(lineNo, text, this.kinds.kindOf(text));
				if (line.kind() == BillLine.Kind.HEADER && !header(line)) {
					return;
				}
				try {
					ParsedBillLine parsed = this.parser.parse(line);
					if (parsed instanceof BillRow row) {
						this.totals = this.totals.plus(row);
						this.refundRows += row.isRefund() ? 1 : 0;
						this.sink.accept(row);
					}
					else if (parsed instanceof BillSummary read) {
						if (this.summary != null) {
							this.corrupt = "line " + lineNo + " is a second summary row";
							return;
						}
						this.summary = read;
					}
				}
				catch (MalformedBillLine ex) {
					this.rejects.add(new Reject(lineNo, ex.reason()));
				}
				catch (BillCorrupt ex) {
					this.corrupt = ex.getMessage();
					return;
				}
			}
		}

		private boolean header(BillLine line) {
			this.type = BillType.ofHeader(BillLineParser.headerNames(line.text()));
			if (this.type == null) {
				this.corrupt = "Line " + line.lineNo() + " is not the header of a trade bill: "
						+ BillType.ALL.differenceFrom(BillLineParser.headerNames(line.text())) + ": "
						+ BillLineParser.abbreviate(line.text());
				return false;
			}
			this.parser = new BillLineParser(null, this.type);
			return true;
		}

		Result result(boolean gzip, String sha1) {
			List<String> differences = List.of();
			String why = this.corrupt;
			if (why == null && this.type == null) {
				why = "the file is empty";
			}
			if (why == null && this.summary == null) {
				why = "no summary row (a truncated file, or not a trade bill)";
			}
			if (why == null) {
				differences = this.totals.differencesFrom(BillTotals.of(this.summary), this.rejects.size());
				if (!differences.isEmpty()) {
					why = "the rows disagree with the summary: " + String.join(", ", differences);
				}
			}
			return new Result(this.type, gzip, sha1, this.totals, this.refundRows, List.copyOf(this.rejects),
					this.summary, differences, why);
		}

	}

}
