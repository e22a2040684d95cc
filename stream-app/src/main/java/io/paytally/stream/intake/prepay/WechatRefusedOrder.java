package io.paytally.stream.intake.prepay;

/**
 * What WeChat said when it refused a prepay for the order itself (not for a fault of
 * ours): other parameters already hold the out_trade_no, or it is paid or closed there.
 */
public class WechatRefusedOrder extends RuntimeException {

	private final Kind kind;

	public WechatRefusedOrder(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	public Kind kind() {
		return this.kind;
	}

	/** Why WeChat refused. */
	public enum Kind {

		/** The out_trade_no exists at WeChat with other parameters. */
		OTHER_PARAMETERS,

		/** The order is paid at WeChat. */
		PAID,

		/** The order is closed at WeChat. */
		CLOSED

	}

}
