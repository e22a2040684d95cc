package io.paytally.batch.bill;

/**
 * What a bill line holds once parsed: a detail row or the summary.
 */
public sealed interface ParsedBillLine permits BillRow, BillSummary {

	/** The line number in the bill file. */
	long lineNo();

}
