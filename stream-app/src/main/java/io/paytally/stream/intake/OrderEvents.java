package io.paytally.stream.intake;

import io.paytally.schemas.OrderEvent;

/**
 * Where the intake announces the payment orders it creates ({@code orders.events}).
 */
interface OrderEvents {

	/**
	 * Publishes an event and returns once the broker acknowledged it.
	 * @throws OrderEventNotAcknowledged when it did not in time
	 */
	void publish(OrderEvent event);

}
