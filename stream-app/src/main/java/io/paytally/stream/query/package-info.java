/**
 * Interactive queries: an order's current state from the store, routed to the instance
 * that holds it, and {@code GET /orders/{outTradeNo}}.
 */
package io.paytally.stream.query;
