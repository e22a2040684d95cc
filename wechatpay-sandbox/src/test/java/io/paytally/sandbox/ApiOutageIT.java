package io.paytally.sandbox;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.service.payments.jsapi.JsapiService;
import com.wechat.pay.java.service.payments.jsapi.model.Amount;
import com.wechat.pay.java.service.payments.jsapi.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest;
import com.wechat.pay.java.service.payments.jsapi.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Outages of the merchant API, seen through the official SDK: WeChat's error answers (or
 * none) for one merchant's endpoint while the outage lasts, the normal answer after it.
 */
class ApiOutageIT {

	static final String MCHID = "1900000001";

	static final String OTHER_MCHID = "1900000002";

	static Sandbox sandbox;

	static SdkClients sdk;

	static SdkClients otherSdk;

	static int sequence;

	@BeforeAll
	static void start() {
		sandbox = Sandbox.start(SandboxOptions.builder()
			.merchant(MCHID, "wx0000000000demo01")
			.merchant(OTHER_MCHID, "wx0000000000demo02")
			.build());
		sdk = new SdkClients(sandbox, sandbox.merchant(MCHID));
		otherSdk = new SdkClients(sandbox, sandbox.merchant(OTHER_MCHID));
	}

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@AfterEach
	void recover() {
		sandbox.control().clearOutages();
	}

	@Test
	void queryAnswersSystemErrorWhileTheOutageLastsAndTheOrderAfterIt() {
		String outTradeNo = prepay(sdk, MCHID, 1250);
		sandbox.control()
			.outage(MCHID, ApiEndpoint.QUERY_BY_OUT_TRADE_NO, ApiOutage.SYSTEM_ERROR, Duration.ofSeconds(2));

		assertThatThrownBy(() -> sdk.jsapi().queryOrderByOutTradeNo(query(MCHID, outTradeNo)))
			.isInstanceOfSatisfying(ServiceException.class, (ex) -> {
				assertThat(ex.getHttpStatusCode()).isEqualTo(500);
				assertThat(ex.getErrorCode()).isEqualTo("SYSTEM_ERROR");
				assertThat(ex.getErrorMessage()).isEqualTo("系统错误");
			});

		await().atMost(Duration.ofSeconds(10))
			.ignoreException(ServiceException.class)
			.untilAsserted(
					() -> assertThat(sdk.jsapi().queryOrderByOutTradeNo(query(MCHID, outTradeNo)).getTradeState())
						.hasToString("NOTPAY"));
	}

	@Test
	void closeAnswersFrequencyLimitedAndClosesNothingUntilTheOutageEnds() {
		String outTradeNo = prepay(sdk, MCHID, 800);
		sandbox.control().outage(MCHID, ApiEndpoint.CLOSE, ApiOutage.FREQUENCY_LIMITED, null);

		assertThatThrownBy(() -> sdk.jsapi().closeOrder(close(MCHID, outTradeNo)))
			.isInstanceOfSatisfying(ServiceException.class, (ex) -> {
				assertThat(ex.getHttpStatusCode()).isEqualTo(429);
				assertThat(ex.getErrorCode()).isEqualTo("FREQUENCY_LIMITED");
			});
		assertThat(sandbox.control().groundTruth(MCHID, outTradeNo).tradeState()).isEqualTo("NOTPAY");

		sandbox.control().clearOutages();
		sdk.jsapi().closeOrder(close(MCHID, outTradeNo));
		assertThat(sandbox.control().groundTruth(MCHID, outTradeNo).tradeState()).isEqualTo("CLOSED");
	}

	@Test
	void prepayAnswersSignErrorForTheMerchantDownOnly() {
		sandbox.control().outage(MCHID, ApiEndpoint.PREPAY, ApiOutage.SIGN_ERROR, null);

		assertThatThrownBy(() -> prepay(sdk, MCHID, 100)).isInstanceOfSatisfying(ServiceException.class, (ex) -> {
			assertThat(ex.getHttpStatusCode()).isEqualTo(401);
			assertThat(ex.getErrorCode()).isEqualTo("SIGN_ERROR");
		});
		String other = prepay(otherSdk, OTHER_MCHID, 100);
		assertThat(sandbox.control().groundTruth(OTHER_MCHID, other).tradeState()).isEqualTo("NOTPAY");
	}

	@Test
	void refundQueryAnswersSystemError() {
		String outTradeNo = prepay(sdk, MCHID, 1000);
		sandbox.control().pay(MCHID, outTradeNo);
		sandbox.control().refund(MCHID, outTradeNo, "R" + outTradeNo, 300);
		sandbox.control().outage(MCHID, ApiEndpoint.REFUND_QUERY, ApiOutage.SYSTEM_ERROR, null);
		QueryByOutRefundNoRequest query = new QueryByOutRefundNoRequest();
		query.setOutRefundNo("R" + outTradeNo);

		assertThatThrownBy(() -> sdk.refunds().queryByOutRefundNo(query)).isInstanceOfSatisfying(ServiceException.class,
				(ex) -> {
					assertThat(ex.getHttpStatusCode()).isEqualTo(500);
					assertThat(ex.getErrorCode()).isEqualTo("SYSTEM_ERROR");
				});
		// the order itself still answers
		assertThat(sdk.jsapi().queryOrderByOutTradeNo(query(MCHID, outTradeNo)).getTradeState()).hasToString("REFUND");
	}

	@Test
	void hangingQueryOutlastsTheClientsTimeout() {
		String outTradeNo = prepay(sdk, MCHID, 600);
		sandbox.control().outage(MCHID, ApiEndpoint.QUERY_BY_OUT_TRADE_NO, ApiOutage.HANG, null, Duration.ofSeconds(3));
		JsapiService impatient = new JsapiService.Builder()
			.httpClient(new DefaultHttpClientBuilder().config(sdk.config)
				.okHttpClient(
						RewritingOkHttp.to(sandbox.baseUrl()).newBuilder().readTimeout(1, TimeUnit.SECONDS).build())
				.build())
			.build();

		long start = System.nanoTime();
		assertThatThrownBy(() -> impatient.queryOrderByOutTradeNo(query(MCHID, outTradeNo)))
			.isInstanceOf(HttpException.class)
			.hasCauseInstanceOf(java.net.SocketTimeoutException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
	}

	static String prepay(SdkClients clients, String mchid, int total) {
		String outTradeNo = "OUTAGE" + mchid.substring(6) + String.format("%04d", ++sequence);
		PrepayRequest request = new PrepayRequest();
		request.setAppid(sandbox.merchant(mchid).appid());
		request.setMchid(mchid);
		request.setDescription("Outage");
		request.setOutTradeNo(outTradeNo);
		request.setNotifyUrl("http://127.0.0.1:9/notify");
		Amount amount = new Amount();
		amount.setTotal(total);
		request.setAmount(amount);
		Payer payer = new Payer();
		payer.setOpenid("oDemoOpenid01");
		request.setPayer(payer);
		clients.jsapi().prepay(request);
		return outTradeNo;
	}

	static QueryOrderByOutTradeNoRequest query(String mchid, String outTradeNo) {
		QueryOrderByOutTradeNoRequest query = new QueryOrderByOutTradeNoRequest();
		query.setMchid(mchid);
		query.setOutTradeNo(outTradeNo);
		return query;
	}

	static CloseOrderRequest close(String mchid, String outTradeNo) {
		CloseOrderRequest close = new CloseOrderRequest();
		close.setMchid(mchid);
		close.setOutTradeNo(outTradeNo);
		return close;
	}

}
