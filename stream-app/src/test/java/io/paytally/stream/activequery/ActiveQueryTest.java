package io.paytally.stream.activequery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.model.TransactionAmount;
import org.junit.jupiter.api.Test;

import io.paytally.schemas.ExpiryCheck;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.TradeState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ActiveQueryTest {

	static final Instant NOW = Instant.parse("2026-03-01T01:20:00Z");

	static final Instant CREATED = NOW.minus(Duration.ofMinutes(20));

	final FakeWechat wechat = new FakeWechat();

	final ActiveQuery query = new ActiveQuery(this.wechat, new MerchantRateLimiter(1000, 1000),
			Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

	@Test
	void closesAnUnpaidOrderAtWechatAndReportsItClosed() {
		this.wechat.state = Transaction.TradeStateEnum.NOTPAY;

		PaymentNotification answer = this.query.answer(check(CREATED));

		assertThat(this.wechat.calls).containsExactly("query A1", "close A1");
		assertThat(answer).isEqualTo(new PaymentNotification("AQ-A1-1", NotificationSource.ACTIVE_QUERY, "1900000001",
				"wx01", "A1", null, TradeState.CLOSED, "JSAPI", null, 1250, null, "CNY", null, null, NOW));
	}

	@Test
	void neverClosesSoonerThanFiveMinutesAfterCreation() {
		this.wechat.state = Transaction.TradeStateEnum.NOTPAY;

		PaymentNotification answer = this.query.answer(check(NOW.minus(Duration.ofMinutes(4))));

		assertThat(this.wechat.calls).containsExactly("query A1");
		assertThat(answer.tradeState()).isEqualTo(TradeState.NOTPAY);
	}

	@Test
	void reportsALostCallbackFound() {
		this.wechat.state = Transaction.TradeStateEnum.SUCCESS;

		PaymentNotification answer = this.query.answer(check(CREATED));

		assertThat(this.wechat.calls).containsExactly("query A1");
		assertThat(answer.tradeState()).isEqualTo(TradeState.SUCCESS);
		assertThat(answer.transactionId()).isEqualTo("4200000001");
		assertThat(answer.successTime()).isEqualTo(Instant.parse("2026-03-01T01:05:00Z"));
		assertThat(answer.payerTotal()).isEqualTo(1250L);
	}

	@Test
	void neverClosesUnderAPayingUser() {
		this.wechat.state = Transaction.TradeStateEnum.USERPAYING;

		assertThat(this.query.answer(check(CREATED)).tradeState()).isEqualTo(TradeState.USERPAYING);
		assertThat(this.wechat.calls).containsExactly("query A1");
	}

	@Test
	void reportsAnOrderWechatNeverHeardOf() {
		this.wechat.state = null;

		assertThat(this.query.answer(check(CREATED)).tradeState()).isEqualTo(TradeState.ORDER_NOT_EXIST);
	}

	@Test
	void reportsThePaymentWhenTheOrderWasPaidWhileBeingClosed() {
		this.wechat.state = Transaction.TradeStateEnum.NOTPAY;
		this.wechat.paidOnClose = true;

		PaymentNotification answer = this.query.answer(check(CREATED));

		assertThat(this.wechat.calls).containsExactly("query A1", "close A1", "query A1");
		assertThat(answer.tradeState()).isEqualTo(TradeState.SUCCESS);
	}

	@Test
	void letsWechatOutagesThrough() {
		this.wechat.unavailable = true;

		assertThatExceptionOfType(WechatUnavailable.class).isThrownBy(() -> this.query.answer(check(CREATED)));
	}

	static ExpiryCheck check(Instant created) {
		return new ExpiryCheck("1900000001", "A1", ExpiryCheck.Reason.EXPIRED, created, created.plusSeconds(600), 1,
				NOW);
	}

	static final class FakeWechat implements WechatOrders {

		final List<String> calls = new ArrayList<>();

		Transaction.TradeStateEnum state;

		boolean paidOnClose;

		boolean unavailable;

		@Override
		public Optional<Transaction> query(String mchid, String outTradeNo) {
			this.calls.add("query " + outTradeNo);
			if (this.unavailable) {
				throw new WechatUnavailable("503", null);
			}
			if (this.state == null) {
				return Optional.empty();
			}
			Transaction tx = new Transaction();
			tx.setAppid("wx01");
			tx.setMchid(mchid);
			tx.setOutTradeNo(outTradeNo);
			tx.setTradeState(this.state);
			tx.setTradeType(Transaction.TradeTypeEnum.JSAPI);
			TransactionAmount amount = new TransactionAmount();
			amount.setTotal(1250);
			amount.setCurrency("CNY");
			if (this.state == Transaction.TradeStateEnum.SUCCESS) {
				tx.setTransactionId("4200000001");
				tx.setSuccessTime("2026-03-01T09:05:00+08:00");
				tx.setBankType("OTHERS");
				amount.setPayerTotal(1250);
			}
			tx.setAmount(amount);
			return Optional.of(tx);
		}

		@Override
		public boolean close(String mchid, String outTradeNo) {
			this.calls.add("close " + outTradeNo);
			if (this.paidOnClose) {
				this.state = Transaction.TradeStateEnum.SUCCESS;
				return false;
			}
			this.state = Transaction.TradeStateEnum.CLOSED;
			return true;
		}

	}

}
