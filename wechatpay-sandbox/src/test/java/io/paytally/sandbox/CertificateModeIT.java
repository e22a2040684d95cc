package io.paytally.sandbox;

import java.time.Duration;

import com.wechat.pay.java.core.RSAAutoCertificateConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.jsapi.JsapiService;
import com.wechat.pay.java.service.payments.jsapi.model.Amount;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest;
import com.wechat.pay.java.service.payments.jsapi.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.payments.model.Transaction;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SDK's certificate mode: {@code RSAAutoCertificateConfig} downloads the platform
 * certificate from {@code /v3/certificates} through a host-rewriting client, then
 * verifies replies and callbacks signed under the certificate's serial.
 */
class CertificateModeIT {

	static final String MCHID = "1900000009";

	@Test
	void autoCertificateConfigWorksThroughARewritingClient() throws Exception {
		try (Sandbox sandbox = Sandbox.start(SandboxOptions.builder().merchant(MCHID, "wx0000000000demo09").build());
				CallbackReceiver receiver = new CallbackReceiver()) {
			SandboxMerchant merchant = sandbox.merchant(MCHID);
			OkHttpClient rewriting = RewritingOkHttp.to(sandbox.baseUrl());
			RSAAutoCertificateConfig config = new RSAAutoCertificateConfig.Builder().merchantId(MCHID)
				.privateKey(merchant.privateKeyPem())
				.merchantSerialNumber(merchant.merchantSerialNumber())
				.apiV3Key(merchant.apiV3Key())
				.httpClientBuilder(new DefaultHttpClientBuilder().okHttpClient(rewriting))
				.build();
			HttpClient http = new DefaultHttpClientBuilder().config(config).okHttpClient(rewriting).build();
			JsapiService jsapi = new JsapiService.Builder().httpClient(http).build();

			PrepayRequest request = new PrepayRequest();
			request.setAppid("wx0000000000demo09");
			request.setMchid(MCHID);
			request.setDescription("Cert");
			request.setOutTradeNo("CERT0001");
			request.setNotifyUrl(receiver.url());
			Amount amount = new Amount();
			amount.setTotal(100);
			request.setAmount(amount);
			Payer payer = new Payer();
			payer.setOpenid("oCert");
			request.setPayer(payer);
			assertThat(jsapi.prepay(request).getPrepayId()).startsWith("wx");

			sandbox.control().pay(MCHID, "CERT0001");
			QueryOrderByOutTradeNoRequest query = new QueryOrderByOutTradeNoRequest();
			query.setMchid(MCHID);
			query.setOutTradeNo("CERT0001");
			assertThat(jsapi.queryOrderByOutTradeNo(query).getTradeState().name()).isEqualTo("SUCCESS");

			await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.received().isEmpty());
			CallbackReceiver.Received callback = receiver.received().get(0);
			assertThat(callback.serial()).isNotEqualTo(sandbox.platformPublicKeyId()).matches("[0-9A-F]+");
			Transaction notified = new NotificationParser(config)
				.parse(new RequestParam.Builder().serialNumber(callback.serial())
					.nonce(callback.nonce())
					.signature(callback.signature())
					.timestamp(callback.timestamp())
					.signType(callback.signatureType())
					.body(callback.body())
					.build(), Transaction.class);
			assertThat(notified.getOutTradeNo()).isEqualTo("CERT0001");
		}
	}

}
