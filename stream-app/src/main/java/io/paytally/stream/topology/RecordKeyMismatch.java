package io.paytally.stream.topology;

/**
 * A record whose key is not the order its value names (merchant and out_trade_no): it
 * touches no order and goes to the dead letters.
 */
class RecordKeyMismatch extends RuntimeException {

	RecordKeyMismatch(String key, String orderKey) {
		super("Record keyed " + key + " is about order " + orderKey + "; keys are mchid@out_trade_no");
	}

}
