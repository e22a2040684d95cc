package io.paytally.batch.bill;

/**
 * One raw line of a bill file, as read.
 *
 * @param lineNo the 1-based line number in the (decompressed) file
 * @param text the line without its line terminator
 * @param kind what the line is by its position
 */
public record BillLine(long lineNo, String text, Kind kind) {

	/** The part of the bill a line belongs to. */
	public enum Kind {

		/** The column header of the detail rows (line 1). */
		HEADER,

		/** A payment or refund row. */
		DETAIL,

		/** The column header of the summary row. */
		SUMMARY_HEADER,

		/** The summary row. */
		SUMMARY

	}

}
