package io.paytally.batch.bill;

/**
 * A bill line that cannot be read. Skipped by the load step and kept in the reject table
 * with its line number, raw text and reason.
 */
public class MalformedBillLine extends RuntimeException {

	private final long lineNo;

	private final String rawText;

	private final String reason;

	public MalformedBillLine(long lineNo, String rawText, String reason) {
		super("Bill line " + lineNo + " is malformed: " + reason);
		this.lineNo = lineNo;
		this.rawText = rawText;
		this.reason = reason;
	}

	public long lineNo() {
		return this.lineNo;
	}

	public String rawText() {
		return this.rawText;
	}

	public String reason() {
		return this.reason;
	}

}
