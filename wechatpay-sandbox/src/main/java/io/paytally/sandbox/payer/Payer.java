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
		return pay(mchid, outTradeNo, amount, openid, force, 0, null);
	}

	/**
	 * As {@link #pay(String, String, Long, String, boolean)}, a coupon of {@code coupon}
	 * fen ({@code couponType} CASH or NOCASH) paying part of it: the callback's
	 * {@code payer_total} is less than its {@code total} and its {@code promotion_detail}
	 * names the coupon.
	 */
	public Order pay(String mchid, String outTradeNo, Long amount, String openid, boolean force, long coupon,
			String couponType) {
		MerchantKeys merchant = merchant(mchid);
		Order paid = this.ledger.pay(mchid, outTradeNo, amount, openid, force, coupon, couponType);
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
		return finishRefund(mchid, outRefundNo, Refund.SUCCESS);
	}

	/**
	 * A PROCESSING refund ends as {@code status} (SUCCESS, ABNORMAL: the payer's card or
	 * account cannot take the money, CLOSED) and WeChat sends REFUND.SUCCESS,
	 * REFUND.ABNORMAL or REFUND.CLOSED. A refund already finished is returned as it is.
	 */
	public Refund finishRefund(String mchid, String outRefundNo, String status) {
		MerchantKeys merchant = merchant(mchid);
		Refund before = this.ledger.findRefund(mchid, outRefundNo)
			.orElseThrow(() -> new WechatError.ResourceNotExist(outRefundNo));
		if (!Refund.PROCESSING.equals(before.status())) {
			return before;
		}
		Refund done = this.ledger.finishRefund(mchid, outRefundNo, status);
		log.debug("Refund {} out_trade_no={} out_refund_no={} amount={}", status, done.outTradeNo(), outRefundNo,
				done.amount());
		Order order = this.ledger.get(mchid, done.outTradeNo());
		String notifyUrl = (done.notifyUrl() != null && !done.notifyUrl().isBlank()) ? done.notifyUrl()
				: order.notifyUrl();
		this.callbacks.refundFinished(merchant, notifyUrl, done, order.payerTotal());
		return done;
	}

	private MerchantKeys merchant(String mchid) {
		return this.merchants.find(mchid).orElseThrow(() -> new WechatError.NoAuth("unknown mchid " + mchid));
	}

}
