package io.paytally.sandbox.payer;

import io.paytally.sandbox.callback.CallbackDispatcher;
import io.paytally.sandbox.keys.MerchantKeys;
import io.paytally.sandbox.keys.MerchantRegistry;
import io.paytally.sandbox.ledger.Ledger;
import io.paytally.sandbox.ledger.Order;
import io.paytally.sandbox.ledger.Refund;
import io.paytally.sandbox.ledger.WechatError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes things happen on WeChat's side: a payer pays (or starts paying), a refund is
 * started and succeeds; each success triggers its callback.
 */
public final class Payer {

	private static final Logger log = LoggerFactory.getLogger(Payer.class);

	private final Ledger ledger;

	private final MerchantRegistry merchants;

	private final CallbackDispatcher callbacks;

	public Payer(Ledger ledger, MerchantRegistry merchants, CallbackDispatcher callbacks) {
		this.ledger = ledger;
		this.merchants = merchants;
		this.callbacks = callbacks;
	}

	/**
	 * The payer pays the order ({@code amount} null = the order's total) and WeChat sends
	 * TRANSACTION.SUCCESS. {@code force} pays even a closed order (the paid-after-close
	 * race).
	 */
	public Order pay(String mchid, String outTradeNo, Long amount, String openid, boolean force) {
		MerchantKeys merchant = merchant(mchid);
		Order paid = this.ledger.pay(mchid, outTradeNo, amount, openid, force);
		// DEBUG: each payment is in the ground truth and the callback log; at INFO a load
		// test's thousands a second queued on the console's lock
		log.debug("Payer paid out_trade_no={} amount={} transaction_id={}", outTradeNo, paid.paidAmount(),
				paid.transactionId());
		this.callbacks.paymentSucceeded(merchant, paid);
		return paid;
	}

	public Order startPaying(String mchid, String outTradeNo) {
		merchant(mchid);
		return this.ledger.startPaying(mchid, outTradeNo);
	}

	/**
	 * Starts a refund (PROCESSING) as the merchant would; it succeeds at once and WeChat
	 * sends REFUND.SUCCESS to {@code notifyUrl} (the order's notify_url when null).
	 */
	public Refund refund(String mchid, String outTradeNo, String outRefundNo, long amount, String reason,
			String notifyUrl) {
		merchant(mchid);
		return this.ledger.refund(mchid, outTradeNo, outRefundNo, amount, reason, notifyUrl);
	}

	public Refund completeRefund(String mchid, String outRefundNo) {
		MerchantKeys merchant = merchant(mchid);
		Refund before = this.ledger.findRefund(mchid, outRefundNo)
			.orElseThrow(() -> new WechatError.ResourceNotExist(outRefundNo));
		if ("SUCCESS".equals(before.status())) {
			return before;
		}
		Refund done = this.ledger.completeRefund(mchid, outRefundNo);
		log.debug("Refund succeeded out_trade_no={} out_refund_no={} amount={}", done.outTradeNo(), outRefundNo,
				done.amount());
		String notifyUrl = (done.notifyUrl() != null && !done.notifyUrl().isBlank()) ? done.notifyUrl()
				: this.ledger.get(mchid, done.outTradeNo()).notifyUrl();
		this.callbacks.refundSucceeded(merchant, notifyUrl, done);
		return done;
	}

	private MerchantKeys merchant(String mchid) {
		return this.merchants.find(mchid).orElseThrow(() -> new WechatError.NoAuth("unknown mchid " + mchid));
	}

}
