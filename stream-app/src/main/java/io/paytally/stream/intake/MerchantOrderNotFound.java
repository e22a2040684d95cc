package io.paytally.stream.intake;

/**
 * No payment order of this merchant order is known.
 */
public class MerchantOrderNotFound extends RuntimeException {

	MerchantOrderNotFound(String mchid, String merchantOrderNo) {
		super("merchant order " + merchantOrderNo + " of merchant " + mchid + " has no payment order");
	}

}
