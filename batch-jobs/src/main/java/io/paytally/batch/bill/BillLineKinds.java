package io.paytally.batch.bill;

/**
 * Tells the parts of a bill apart as its lines are read in order: the first line that is
 * not blank is the detail header, a line starting with 总交易单数 the summary header, the line
 * after it the summary, every other line a detail row. Its position can be saved and
 * restored ({@link #save()}, {@link #restore(String)}) for a restart that skips the lines
 * already read.
 */
final class BillLineKinds {

	private boolean headerSeen;

	private boolean summaryHeaderSeen;

	private boolean summaryRead;

	BillLine.Kind kindOf(String text) {
		if (!this.headerSeen) {
			this.headerSeen = true;
			return BillLine.Kind.HEADER;
		}
		if (text.startsWith(BillLineParser.SUMMARY_HEADER_START)) {
			this.summaryHeaderSeen = true;
			return BillLine.Kind.SUMMARY_HEADER;
		}
		if (this.summaryHeaderSeen && !this.summaryRead) {
			this.summaryRead = true;
			return BillLine.Kind.SUMMARY;
		}
		return BillLine.Kind.DETAIL;
	}

	/** The position among the bill's parts, as {@link #restore(String)} takes it. */
	String save() {
		return (this.headerSeen ? "H" : "") + (this.summaryHeaderSeen ? "S" : "") + (this.summaryRead ? "R" : "");
	}

	/** The kinds at a saved position ({@code ""}: the start of the bill). */
	static BillLineKinds restore(String saved) {
		BillLineKinds kinds = new BillLineKinds();
		kinds.headerSeen = saved.contains("H");
		kinds.summaryHeaderSeen = saved.contains("S");
		kinds.summaryRead = saved.contains("R");
		return kinds;
	}

}
