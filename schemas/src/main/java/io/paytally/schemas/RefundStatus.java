package io.paytally.schemas;

/**
 * WeChat Pay's {@code refund_status}.
 */
public enum RefundStatus {

	SUCCESS, CLOSED, PROCESSING, ABNORMAL

}
