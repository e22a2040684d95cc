package io.paytally.sandbox;

/**
 * The merchant API endpoints an outage can take down.
 */
public enum ApiEndpoint {

	/** {@code GET /v3/pay/transactions/out-trade-no/{no}}. */
	QUERY_BY_OUT_TRADE_NO,
	/** {@code POST /v3/pay/transactions/out-trade-no/{no}/close}. */
	CLOSE,
	/** {@code POST /v3/pay/transactions/{jsapi|native|app|h5}}. */
	PREPAY,
	/** {@code GET /v3/refund/domestic/refunds/{out_refund_no}}. */
	REFUND_QUERY

}
