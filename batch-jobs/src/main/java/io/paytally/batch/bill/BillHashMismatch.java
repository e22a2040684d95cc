package io.paytally.batch.bill;

/**
 * The downloaded bill's SHA-1 differs from the one WeChat announced: nothing of it is
 * loaded.
 */
public class BillHashMismatch extends RuntimeException {

	public BillHashMismatch(String mchid, Object billDate) {
		super("The SHA-1 of the bill of merchant " + mchid + " for " + billDate + " does not match WeChat's");
	}

}
