package io.paytally.stream.activequery;

import java.util.Optional;

import io.paytally.schemas.OrderPaymentState;

/**
 * The current payment state of an order as the state machine holds it (on whichever
 * instance), asked before WeChat is: a check for an order settled or checked again in the
 * meantime costs no call to WeChat.
 */
@FunctionalInterface
public interface OrderStates {

	/** Nothing is known: every check is asked at WeChat. */
	OrderStates NONE = (mchid, outTradeNo) -> Optional.empty();

	/**
	 * The order's current state.
	 * @return empty when it is not known or cannot be read right now
	 */
	Optional<OrderPaymentState> find(String mchid, String outTradeNo);

}
