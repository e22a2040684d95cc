package io.paytally.stream.topology;

import io.paytally.stream.payment.OrderPayment;

/**
 * The bytes the {@code orders} store and its changelog hold for an order, for the
 * benchmarks that fill a changelog directly.
 */
public final class StoreRecords {

	private StoreRecords() {
	}

	/** The changelog's value of an order (the store's compact serde). */
	public static byte[] orderPayment(OrderPayment order) {
		return InternalSerdes.orderPayment().serializer().serialize(null, order);
	}

	/** The changelog topic of the {@code orders} store of an application. */
	public static String orderChangelog(String applicationId) {
		return applicationId + "-" + PaymentTopology.ORDER_STORE + "-changelog";
	}

}
