package io.paytally.sandbox.ledger;

/**
 * A refusal as WeChat words it: an HTTP status, an error code and a message. Each
 * subclass is named for the fact.
 */
public abstract class WechatError extends RuntimeException {

	private final int status;

	private final String code;

	protected WechatError(int status, String code, String message) {
		super(message);
		this.status = status;
		this.code = code;
	}

	public int status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

	public static final class OrderNotExist extends WechatError {

		public OrderNotExist(String outTradeNo) {
			super(404, "ORDER_NOT_EXIST", "订单不存在: " + outTradeNo);
		}

	}

	public static final class ResourceNotExist extends WechatError {

		public ResourceNotExist(String what) {
			super(404, "RESOURCE_NOT_EXISTS", "资源不存在: " + what);
		}

	}

	public static final class OrderPaid extends WechatError {

		public OrderPaid(String outTradeNo) {
			super(400, "ORDER_PAID", "订单已支付: " + outTradeNo);
		}

	}

	public static final class OrderClosed extends WechatError {

		public OrderClosed(String outTradeNo) {
			super(400, "ORDER_CLOSED", "订单已关闭: " + outTradeNo);
		}

	}

	public static final class DuplicateOutTradeNo extends WechatError {

		public DuplicateOutTradeNo(String outTradeNo) {
			super(400, "INVALID_REQUEST", "201 商户订单号重复: " + outTradeNo);
		}

	}

	public static final class InvalidRequest extends WechatError {

		public InvalidRequest(String message) {
			super(400, "INVALID_REQUEST", message);
		}

	}

	public static final class ParamError extends WechatError {

		public ParamError(String message) {
			super(400, "PARAM_ERROR", message);
		}

	}

	public static final class SignatureInvalid extends WechatError {

		public SignatureInvalid(String message) {
			super(401, "SIGN_ERROR", message);
		}

	}

	public static final class NoAuth extends WechatError {

		public NoAuth(String message) {
			super(403, "NO_AUTH", message);
		}

	}

	public static final class StatementNotExist extends WechatError {

		public StatementNotExist(String date) {
			super(400, "NO_STATEMENT_EXIST", "账单文件不存在: " + date);
		}

	}

	public static final class StatementCreating extends WechatError {

		public StatementCreating(String date) {
			super(400, "STATEMENT_CREATING", "账单生成中: " + date);
		}

	}

	public static final class NotEnoughRefundable extends WechatError {

		public NotEnoughRefundable(String outTradeNo) {
			super(400, "INVALID_REQUEST", "申请退款金额超过订单可退金额: " + outTradeNo);
		}

	}

}
