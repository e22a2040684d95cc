package io.paytally.batch.bill;

/**
 * A bill that cannot be trusted as a whole: its header is wrong, its summary is missing
 * or does not agree with its detail rows, or too many lines were rejected.
 */
public class BillCorrupt extends RuntimeException {

	public BillCorrupt(String message) {
		super(message);
	}

}
