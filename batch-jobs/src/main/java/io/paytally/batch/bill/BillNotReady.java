package io.paytally.batch.bill;

/**
 * WeChat has not finished the bill yet (before the ready hour, or
 * {@code STATEMENT_CREATING}): the job ends with exit status {@code BILL_NOT_READY} and
 * is retried later.
 */
public class BillNotReady extends RuntimeException {

	public BillNotReady(String message) {
		super(message);
	}

}
