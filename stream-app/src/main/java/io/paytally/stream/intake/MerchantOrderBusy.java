package io.paytally.stream.intake;

/**
 * Another request for the same merchant order held it too long on this instance.
 */
public class MerchantOrderBusy extends RuntimeException {

	MerchantOrderBusy(String merchantOrderNo) {
		super("another request for merchant order " + merchantOrderNo + " is still being handled; retry");
	}

}
