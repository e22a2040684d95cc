package io.paytally.stream.activequery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.model.TransactionAmount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paytally.schemas.ExpiryCheck;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.TradeState;

/**
 * Answers one expiry check by asking WeChat, within the merchant's rate limit. NOTPAY or
 * PAYERROR: closed at WeChat (never sooner than {@code closeNotBefore} after the order's
 * creation; sooner, NOTPAY is reported and the state machine asks again when closing is
 * allowed), then reported CLOSED. SUCCESS (a lost callback) and CLOSED are reported as
 * they are; USERPAYING is reported so that the state machine looks again shortly;
 * ORDER_NOT_EXIST is reported as such (closed, never placed).
 */
public class ActiveQuery {

	private static final Logger log = LoggerFactory.getLogger(ActiveQuery.class);

	private final WechatOrders wechat;

	private final MerchantRateLimiter limiter;

	private final Clock clock;

	private final Duration closeNotBefore;

	ActiveQuery(WechatOrders wechat, MerchantRateLimiter limiter, Clock clock, Duration closeNotBefore) {
		this.wechat = wechat;
		this.limiter = limiter;
		this.clock = clock;
		this.closeNotBefore = closeNotBefore;
	}

	/** What WeChat says about the checked order, as a notification to publish. */
	public PaymentNotification answer(ExpiryCheck check) {
		String mchid = check.mchid();
		String outTradeNo = check.outTradeNo();
		Optional<Transaction> found = query(mchid, outTradeNo);
		if (found.isEmpty()) {
			log.info("Order {} was never placed at WeChat", outTradeNo);
			return report(check, TradeState.ORDER_NOT_EXIST, null);
		}
		Transaction transaction = found.get();
		TradeState state = tradeState(transaction);
		switch (state) {
			case NOTPAY, PAYERROR -> {
				Instant now = this.clock.instant();
				Instant closable = (check.orderCreatedAt() != null) ? check.orderCreatedAt().plus(this.closeNotBefore)
						: now;
				if (now.isBefore(closable)) {
					log.info("Order {} is unpaid but may not be closed before {}", outTradeNo, closable);
					return report(check, TradeState.NOTPAY, transaction);
				}
				this.limiter.acquire(mchid);
				if (this.wechat.close(mchid, outTradeNo)) {
					log.info("Order {} closed at WeChat ({})", outTradeNo, check.reason());
					return report(check, TradeState.CLOSED, transaction);
				}
				log.info("Order {} was paid while it was being closed", outTradeNo);
				Transaction paid = query(mchid, outTradeNo).orElse(transaction);
				return report(check, tradeState(paid), paid);
			}
			case SUCCESS, REFUND -> {
				log.info("Order {} was paid at WeChat ({}): a lost callback found", outTradeNo, state);
				return report(check, state, transaction);
			}
			case CLOSED, REVOKED -> {
				return report(check, TradeState.CLOSED, transaction);
			}
			default -> {
				log.info("Order {} is {} at WeChat: looking again shortly", outTradeNo, state);
				return report(check, TradeState.USERPAYING, transaction);
			}
		}
	}

	private Optional<Transaction> query(String mchid, String outTradeNo) {
		this.limiter.acquire(mchid);
		return this.wechat.query(mchid, outTradeNo);
	}

	private PaymentNotification report(ExpiryCheck check, TradeState state, Transaction tx) {
		boolean paid = state == TradeState.SUCCESS || state == TradeState.REFUND;
		TransactionAmount amount = (tx != null) ? tx.getAmount() : null;
		long total = (amount != null && amount.getTotal() != null) ? amount.getTotal() : 0;
		Long payerTotal = (paid && amount != null && amount.getPayerTotal() != null) ? (long) amount.getPayerTotal()
				: null;
		return new PaymentNotification("AQ-" + check.outTradeNo() + "-" + check.attempt(),
				NotificationSource.ACTIVE_QUERY, check.mchid(), (tx != null) ? tx.getAppid() : null, check.outTradeNo(),
				paid ? tx.getTransactionId() : null, state,
				(tx != null && tx.getTradeType() != null) ? tx.getTradeType().name() : null,
				paid ? tx.getBankType() : null, total, payerTotal,
				(amount != null && amount.getCurrency() != null) ? amount.getCurrency() : "CNY",
				(paid && tx.getSuccessTime() != null) ? OffsetDateTime.parse(tx.getSuccessTime()).toInstant() : null,
				(tx != null) ? tx.getAttach() : null, this.clock.instant());
	}

	private static TradeState tradeState(Transaction transaction) {
		if (transaction.getTradeState() == null) {
			return TradeState.NOTPAY;
		}
		try {
			return TradeState.valueOf(transaction.getTradeState().name());
		}
		catch (IllegalArgumentException ex) {
			return TradeState.USERPAYING;
		}
	}

}
