package io.paytally.dashboard.view;

import java.util.List;

import io.paytally.schemas.OrderPaymentState;

/**
 * An order as the dashboard knows it: its current state and every version it has seen.
 *
 * @param state the latest state on {@code orders.state}
 * @param transitions the versions seen, oldest first
 */
public record OrderView(OrderPaymentState state, List<Transition> transitions) {

}
