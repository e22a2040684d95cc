package io.paytally.sandbox;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.service.billdownload.BillDownloadServiceExtension;
import com.wechat.pay.java.service.payments.jsapi.JsapiService;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.refund.RefundService;

/**
 * The official SDK, configured for a sandbox merchant with {@code RSAPublicKeyConfig} and
 * a host-rewriting OkHttp client.
 */
final class SdkClients {

	final RSAPublicKeyConfig config;

	final HttpClient httpClient;

	SdkClients(Sandbox sandbox, SandboxMerchant merchant) {
		this(sandbox, merchant, merchant.privateKeyPem());
	}

	SdkClients(Sandbox sandbox, SandboxMerchant merchant, String privateKeyPem) {
		this.config = new RSAPublicKeyConfig.Builder().merchantId(merchant.mchid())
			.privateKey(privateKeyPem)
			.merchantSerialNumber(merchant.merchantSerialNumber())
			.publicKey(sandbox.platformPublicKeyPem())
			.publicKeyId(sandbox.platformPublicKeyId())
			.apiV3Key(merchant.apiV3Key())
			.build();
		this.httpClient = new DefaultHttpClientBuilder().config(this.config)
			.okHttpClient(RewritingOkHttp.to(sandbox.baseUrl()))
			.build();
	}

	JsapiService jsapi() {
		return new JsapiService.Builder().httpClient(this.httpClient).build();
	}

	NativePayService nativePay() {
		return new NativePayService.Builder().httpClient(this.httpClient).build();
	}

	RefundService refunds() {
		return new RefundService.Builder().httpClient(this.httpClient).build();
	}

	BillDownloadServiceExtension bills() {
		return new BillDownloadServiceExtension.Builder().httpClient(this.httpClient)
			.decryptor(this.config.createDecryptor())
			.build();
	}

	NotificationParser notificationParser() {
		return new NotificationParser(this.config);
	}

}
