package io.paytally.sandbox;

import java.time.Duration;
import java.util.List;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.jsapi.JsapiService;
import com.wechat.pay.java.service.payments.jsapi.model.Amount;
import com.wechat.pay.java.service.payments.jsapi.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayResponse;
import com.wechat.pay.java.service.payments.jsapi.model.QueryOrderByIdRequest;
import com.wechat.pay.java.service.payments.jsapi.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import com.wechat.pay.java.service.refund.model.Status;
import io.paytally.sandbox.crypto.Pem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The official SDK, over real HTTP, against the sandbox's merchant API and callbacks.
 */
class MerchantApiIT {

	static final String MCHID = "1900000001";

	static final String APPID = "wx0000000000demo01";

	static Sandbox sandbox;

	static SandboxMerchant merchant;

	static SdkClients sdk;

	static CallbackReceiver receiver;

	static int sequence;

	@BeforeAll
	static void start() throws Exception {
		sandbox = Sandbox.start(SandboxOptions.builder().merchant(MCHID, APPID).timeScale(0.0001).build());
		merchant = sandbox.merchant(MCHID);
		sdk = new SdkClients(sandbox, merchant);
		receiver = new CallbackReceiver();
	}

	@AfterAll
	static void stop() {
		receiver.close();
		sandbox.close();
	}

	@BeforeEach
	void calmCallbacks() {
		sandbox.control().clearChaos();
		receiver.answer((n) -> 200);
	}

	@Test
	void prepaysQueriesAndClosesAnUnpaidOrder() {
		String outTradeNo = prepaidOrder(1250);
		Transaction unpaid = sdk.jsapi().queryOrderByOutTradeNo(query(outTradeNo));
		assertThat(unpaid.getTradeState().name()).isEqualTo("NOTPAY");
		assertThat(unpaid.getTradeStateDesc()).isEqualTo("订单未支付");
		assertThat(unpaid.getAmount().getTotal()).isEqualTo(1250);
		assertThat(unpaid.getTransactionId()).isNull();

		CloseOrderRequest close = new CloseOrderRequest();
		close.setMchid(MCHID);
		close.setOutTradeNo(outTradeNo);
		sdk.jsapi().closeOrder(close);
		sdk.jsapi().closeOrder(close);

		assertThat(sdk.jsapi().queryOrderByOutTradeNo(query(outTradeNo)).getTradeState().name()).isEqualTo("CLOSED");
		OrderTruth truth = sandbox.control().groundTruth(MCHID, outTradeNo);
		assertThat(truth.tradeState()).isEqualTo("CLOSED");
		assertThat(truth.closedAt()).isNotNull();
		assertThat(truth.closeRequests()).as("the idempotent second close is counted").isEqualTo(2);
		assertThat(sandbox.control().groundTruth(MCHID)).filteredOn((order) -> order.outTradeNo().equals(outTradeNo))
			.singleElement()
			.extracting(OrderTruth::closeRequests)
			.isEqualTo(2);
	}

	@Test
	void nativePrepayGivesACodeUrl() {
		com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest request = new com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest();
		request.setAppid(APPID);
		request.setMchid(MCHID);
		request.setDescription("Native");
		request.setOutTradeNo(nextOutTradeNo());
		request.setNotifyUrl(receiver.url());
		com.wechat.pay.java.service.payments.nativepay.model.Amount amount = new com.wechat.pay.java.service.payments.nativepay.model.Amount();
		amount.setTotal(800);
		request.setAmount(amount);
		assertThat(sdk.nativePay().prepay(request).getCodeUrl()).startsWith("weixin://wxpay/bizpayurl?pr=");
	}

	@Test
	void answersOrderNotExistForAnUnknownOrder() {
		assertThatThrownBy(() -> sdk.jsapi().queryOrderByOutTradeNo(query("NO_SUCH_ORDER_1")))
			.isInstanceOfSatisfying(ServiceException.class, (ex) -> {
				assertThat(ex.getHttpStatusCode()).isEqualTo(404);
				assertThat(ex.getErrorCode()).isEqualTo("ORDER_NOT_EXIST");
			});
		QueryOrderByIdRequest byId = new QueryOrderByIdRequest();
		byId.setMchid(MCHID);
		byId.setTransactionId("4200000000202603010000000999");
		assertThatThrownBy(() -> sdk.jsapi().queryOrderById(byId)).isInstanceOfSatisfying(ServiceException.class,
				(ex) -> assertThat(ex.getErrorCode()).isEqualTo("ORDER_NOT_EXIST"));
	}

	@Test
	void refusesToCloseAPaidOrder() {
		String outTradeNo = prepaidOrder(500);
		sandbox.control().pay(MCHID, outTradeNo);
		CloseOrderRequest close = new CloseOrderRequest();
		close.setMchid(MCHID);
		close.setOutTradeNo(outTradeNo);
		assertThatThrownBy(() -> sdk.jsapi().closeOrder(close)).isInstanceOfSatisfying(ServiceException.class, (ex) -> {
			assertThat(ex.getHttpStatusCode()).isEqualTo(400);
			assertThat(ex.getErrorCode()).isEqualTo("ORDER_PAID");
		});
		OrderTruth truth = sandbox.control().groundTruth(MCHID, outTradeNo);
		assertThat(truth.tradeState()).isEqualTo("SUCCESS");
		assertThat(truth.closeRequests()).as("a refused close reached the ledger too").isEqualTo(1);
	}

	@Test
	void refusesARequestSignedWithTheWrongMerchantKey() {
		SdkClients impostor = new SdkClients(sandbox, merchant, Pem.privateKeyPem(Pem.generateRsa2048().getPrivate()));
		assertThatThrownBy(() -> impostor.jsapi().queryOrderByOutTradeNo(query("ANY_ORDER_0001")))
			.isInstanceOfSatisfying(ServiceException.class, (ex) -> {
				assertThat(ex.getHttpStatusCode()).isEqualTo(401);
				assertThat(ex.getErrorCode()).isEqualTo("SIGN_ERROR");
			});
	}

	@Test
	void paymentCallbackIsAcceptedByTheSdkAndQueryAgrees() {
		String outTradeNo = prepaidOrder(1250);
		OrderTruth paid = sandbox.control().pay(MCHID, outTradeNo);

		RequestParam callback = awaitCallbackFor(outTradeNo, "TRANSACTION.SUCCESS");
		Transaction notified = sdk.notificationParser().parse(callback, Transaction.class);
		assertThat(notified.getOutTradeNo()).isEqualTo(outTradeNo);
		assertThat(notified.getTradeState().name()).isEqualTo("SUCCESS");
		assertThat(notified.getTransactionId()).isEqualTo(paid.transactionId());
		assertThat(notified.getAmount().getTotal()).isEqualTo(1250);
		assertThat(notified.getSuccessTime()).endsWith("+08:00");

		QueryOrderByIdRequest byId = new QueryOrderByIdRequest();
		byId.setMchid(MCHID);
		byId.setTransactionId(paid.transactionId());
		Transaction queried = sdk.jsapi().queryOrderById(byId);
		assertThat(queried.getTradeState().name()).isEqualTo("SUCCESS");
		assertThat(queried.getSuccessTime()).isEqualTo(notified.getSuccessTime());
		assertThat(queried.getPayer().getOpenid()).isEqualTo("oDemoOpenid01");
		assertThat(sandbox.control().awaitCallbacksSettled(Duration.ofSeconds(30))).isTrue();
		assertThat(sandbox.control().callbacks(outTradeNo)).singleElement()
			.satisfies((attempt) -> assertThat(attempt.status()).isEqualTo(200));
	}

	@Test
	void refundsThroughTheSdkWithARefundCallback() {
		String outTradeNo = prepaidOrder(1250);
		sandbox.control().pay(MCHID, outTradeNo);
		CreateRequest create = new CreateRequest();
		create.setOutTradeNo(outTradeNo);
		create.setOutRefundNo("R" + outTradeNo);
		create.setNotifyUrl(receiver.url());
		AmountReq amount = new AmountReq();
		amount.setRefund(500L);
		amount.setTotal(1250L);
		amount.setCurrency("CNY");
		create.setAmount(amount);
		Refund started = sdk.refunds().create(create);
		assertThat(started.getStatus()).isEqualTo(Status.PROCESSING);
		assertThat(started.getAmount().getRefund()).isEqualTo(500L);

		QueryByOutRefundNoRequest query = new QueryByOutRefundNoRequest();
		query.setOutRefundNo("R" + outTradeNo);
		assertThat(sdk.refunds().queryByOutRefundNo(query).getStatus()).isEqualTo(Status.SUCCESS);

		RefundNotification notified = sdk.notificationParser()
			.parse(awaitCallbackFor(outTradeNo, "REFUND.SUCCESS"), RefundNotification.class);
		assertThat(notified.getOutRefundNo()).isEqualTo("R" + outTradeNo);
		assertThat(notified.getRefundStatus()).isEqualTo(Status.SUCCESS);
		assertThat(notified.getAmount().getRefund()).isEqualTo(500L);

		assertThat(sdk.jsapi().queryOrderByOutTradeNo(query(outTradeNo)).getTradeState().name()).isEqualTo("REFUND");
		OrderTruth truth = sandbox.control().groundTruth(MCHID, outTradeNo);
		assertThat(truth.refundedAmount()).isEqualTo(500);
		assertThat(truth.refunds()).singleElement().satisfies((r) -> assertThat(r.status()).isEqualTo("SUCCESS"));
	}

	@Test
	void couponPaymentAndItsRefundReachTheSdkWithBothAmounts() {
		String outTradeNo = prepaidOrder(1250);
		sandbox.control().payWithCoupon(MCHID, outTradeNo, 200, "NOCASH");

		Transaction notified = sdk.notificationParser()
			.parse(awaitCallbackFor(outTradeNo, "TRANSACTION.SUCCESS"), Transaction.class);
		assertThat(notified.getAmount().getTotal()).isEqualTo(1250);
		assertThat(notified.getAmount().getPayerTotal()).isEqualTo(1050);
		assertThat(notified.getPromotionDetail()).singleElement().satisfies((coupon) -> {
			assertThat(coupon.getType().name()).isEqualTo("NOCASH");
			assertThat(coupon.getAmount()).isEqualTo(200);
		});
		Transaction queried = sdk.jsapi().queryOrderByOutTradeNo(query(outTradeNo));
		assertThat(queried.getAmount().getPayerTotal()).isEqualTo(1050);
		assertThat(queried.getPromotionDetail()).hasSize(1);

		sandbox.control().refund(MCHID, outTradeNo, "R" + outTradeNo, 500, "ABNORMAL");
		RefundNotification abnormal = sdk.notificationParser()
			.parse(awaitCallbackFor(outTradeNo, "REFUND.ABNORMAL"), RefundNotification.class);
		assertThat(abnormal.getRefundStatus()).isEqualTo(Status.ABNORMAL);
		assertThat(abnormal.getAmount().getRefund()).isEqualTo(500L);
		assertThat(abnormal.getAmount().getPayerRefund()).isEqualTo(420L);
		assertThat(abnormal.getAmount().getPayerTotal()).isEqualTo(1050L);
		QueryByOutRefundNoRequest query = new QueryByOutRefundNoRequest();
		query.setOutRefundNo("R" + outTradeNo);
		Refund refund = sdk.refunds().queryByOutRefundNo(query);
		assertThat(refund.getStatus()).isEqualTo(Status.ABNORMAL);
		assertThat(refund.getAmount().getSettlementRefund()).isEqualTo(420L);
		assertThat(refund.getAmount().getDiscountRefund()).isEqualTo(80L);
		OrderTruth truth = sandbox.control().groundTruth(MCHID, outTradeNo);
		assertThat(truth.couponAmount()).isEqualTo(200);
		assertThat(truth.refunds()).singleElement()
			.satisfies((r) -> assertThat(List.of(r.status(), r.couponRefund(), r.settlementRefund()))
				.containsExactly("ABNORMAL", 80L, 420L));
	}

	@Test
	void refundLeftProcessingEndsClosedWithItsCallback() {
		String outTradeNo = prepaidOrder(800);
		sandbox.control().pay(MCHID, outTradeNo);
		OrderTruth processing = sandbox.control().refund(MCHID, outTradeNo, "R" + outTradeNo, 800, "PROCESSING");
		assertThat(processing.refunds()).singleElement()
			.satisfies((r) -> assertThat(r.status()).isEqualTo("PROCESSING"));
		assertThat(callbacksFor(outTradeNo, "REFUND.SUCCESS")).isEmpty();

		OrderTruth closed = sandbox.control().finishRefund(MCHID, "R" + outTradeNo, "CLOSED");
		RefundNotification notified = sdk.notificationParser()
			.parse(awaitCallbackFor(outTradeNo, "REFUND.CLOSED"), RefundNotification.class);
		assertThat(notified.getRefundStatus()).isEqualTo(Status.CLOSED);
		assertThat(closed.refundedAmount()).as("a closed refund gave the money back").isZero();
	}

	@Test
	void forgedCallbacksAreRejectedByTheSdk() {
		for (ChaosAction forgery : List.of(ChaosAction.FORGE_SIGNATURE, ChaosAction.WRONG_KEY)) {
			String outTradeNo = prepaidOrder(300);
			sandbox.control().chaos(MCHID, outTradeNo, forgery, 1);
			sandbox.control().pay(MCHID, outTradeNo);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> callbacksFor(outTradeNo, "TRANSACTION.SUCCESS").size() >= 2);
			List<RequestParam> both = callbacksFor(outTradeNo, "TRANSACTION.SUCCESS");
			assertThatThrownBy(() -> sdk.notificationParser().parse(both.get(0), Transaction.class))
				.isInstanceOf(ValidationException.class);
			assertThat(sdk.notificationParser().parse(both.get(1), Transaction.class).getOutTradeNo())
				.isEqualTo(outTradeNo);
			assertThat(sandbox.control().callbacks(outTradeNo)).extracting(CallbackAttempt::forged)
				.containsExactly(forgery.name(), null);
		}
	}

	static String prepaidOrder(int total) {
		String outTradeNo = nextOutTradeNo();
		PrepayRequest request = new PrepayRequest();
		request.setAppid(APPID);
		request.setMchid(MCHID);
		request.setDescription("Demo A");
		request.setOutTradeNo(outTradeNo);
		request.setNotifyUrl(receiver.url());
		Amount amount = new Amount();
		amount.setTotal(total);
		request.setAmount(amount);
		Payer payer = new Payer();
		payer.setOpenid("oDemoOpenid01");
		request.setPayer(payer);
		JsapiService jsapi = sdk.jsapi();
		PrepayResponse response = jsapi.prepay(request);
		assertThat(response.getPrepayId()).startsWith("wx");
		return outTradeNo;
	}

	static synchronized String nextOutTradeNo() {
		return "IT" + System.currentTimeMillis() + (++sequence);
	}

	static QueryOrderByOutTradeNoRequest query(String outTradeNo) {
		QueryOrderByOutTradeNoRequest query = new QueryOrderByOutTradeNoRequest();
		query.setMchid(MCHID);
		query.setOutTradeNo(outTradeNo);
		return query;
	}

	static RequestParam awaitCallbackFor(String outTradeNo, String eventType) {
		await().atMost(Duration.ofSeconds(30)).until(() -> !callbacksFor(outTradeNo, eventType).isEmpty());
		return callbacksFor(outTradeNo, eventType).get(0);
	}

	/**
	 * Callbacks received for an order: decrypted with the merchant's key to find the
	 * order.
	 */
	static List<RequestParam> callbacksFor(String outTradeNo, String eventType) {
		return receiver.received()
			.stream()
			.filter((r) -> r.body().contains("\"event_type\":\"" + eventType + "\""))
			.filter((r) -> Envelopes.plaintext(r.body(), merchant.apiV3Key()).contains("\"" + outTradeNo + "\""))
			.map((r) -> new RequestParam.Builder().serialNumber(r.serial())
				.nonce(r.nonce())
				.signature(r.signature())
				.timestamp(r.timestamp())
				.signType(r.signatureType())
				.body(r.body())
				.build())
			.toList();
	}

}
