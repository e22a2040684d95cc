package io.paytally.ingest.support;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.wechat.pay.java.service.payments.jsapi.JsapiService;
import com.wechat.pay.java.service.payments.jsapi.model.Amount;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest;
import io.paytally.sandbox.Sandbox;
import io.paytally.sandbox.SandboxMerchant;
import io.paytally.wechat.MerchantProperties;
import io.paytally.wechat.MerchantProperties.Verification;
import io.paytally.wechat.WechatPayClients;
import io.paytally.wechat.WechatPayProperties;

/**
 * A sandbox merchant seen from our side: the settings notify-ingest needs, and orders
 * placed through the official SDK (so that the sandbox knows where to call back).
 */
public final class SandboxMerchants {

	private static final Map<String, JsapiService> services = new ConcurrentHashMap<>();

	private SandboxMerchants() {
	}

	/** Command-line style properties configuring the sandbox's merchant at an index. */
	public static List<String> properties(Sandbox sandbox, String mchid, int index) {
		SandboxMerchant merchant = sandbox.merchant(mchid);
		String prefix = "--paytally.wechat.merchants[" + index + "].";
		List<String> args = new ArrayList<>();
		args.add("--paytally.wechat.base-url=" + sandbox.baseUrl());
		args.add(prefix + "mchid=" + mchid);
		args.add(prefix + "appid=" + merchant.appid());
		args.add(prefix + "merchant-serial-number=" + merchant.merchantSerialNumber());
		args.add(prefix + "api-v3-key=" + merchant.apiV3Key());
		args.add(prefix + "api-v2-key=" + merchant.apiV2Key());
		args.add(prefix + "verification=PUBLIC_KEY");
		args.add(prefix + "platform-public-key=" + sandbox.platformPublicKeyPem());
		args.add(prefix + "platform-public-key-id=" + sandbox.platformPublicKeyId());
		return args;
	}

	/** Places a JSAPI order at the sandbox with the official SDK. */
	public static void prepay(Sandbox sandbox, String mchid, String outTradeNo, int total, String notifyUrl) {
		prepay(sandbox, mchid, outTradeNo, total, notifyUrl, Verification.PUBLIC_KEY);
	}

	/**
	 * Places a JSAPI order at the sandbox with the official SDK verifying WeChat's
	 * answers in a mode: the key the merchant's calls name is the one WeChat signs its
	 * callbacks under (the platform certificate's serial or the public key id).
	 */
	public static void prepay(Sandbox sandbox, String mchid, String outTradeNo, int total, String notifyUrl,
			Verification verification) {
		SandboxMerchant merchant = sandbox.merchant(mchid);
		JsapiService jsapi = services.computeIfAbsent(sandbox.baseUrl() + "|" + mchid + "|" + verification, (key) -> {
			MerchantProperties properties = new MerchantProperties(mchid, merchant.appid(),
					merchant.merchantSerialNumber(), merchant.privateKeyPem(), null, merchant.apiV3Key(), null,
					merchant.apiV2Key(), null, verification, sandbox.platformPublicKeyPem(), null,
					sandbox.platformPublicKeyId(), notifyUrl);
			WechatPayProperties wechat = new WechatPayProperties(URI.create(sandbox.baseUrl().toString()),
					Duration.ofSeconds(5), Duration.ofSeconds(10), List.of(properties));
			return new JsapiService.Builder().httpClient(new WechatPayClients(wechat, properties).httpClient()).build();
		});
		PrepayRequest request = new PrepayRequest();
		request.setAppid(merchant.appid());
		request.setMchid(mchid);
		request.setDescription("paytally ingest test");
		request.setOutTradeNo(outTradeNo);
		request.setNotifyUrl(notifyUrl);
		Amount amount = new Amount();
		amount.setTotal(total);
		request.setAmount(amount);
		Payer payer = new Payer();
		payer.setOpenid("oSecretOpenid0009");
		request.setPayer(payer);
		jsapi.prepay(request);
	}

}
