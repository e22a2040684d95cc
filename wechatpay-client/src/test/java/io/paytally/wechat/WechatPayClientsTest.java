package io.paytally.wechat;

import okhttp3.HttpUrl;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WechatPayClientsTest {

	private static final HttpUrl SANDBOX = HttpUrl.get("http://127.0.0.1:8090");

	@Test
	void rewritesWechatHostToBaseUrlKeepingPathAndQuery() {
		Request request = new Request.Builder()
			.url("https://api.mch.weixin.qq.com/v3/pay/transactions/out-trade-no/DEMO1?mchid=1900000001")
			.build();

		Request rewritten = WechatPayClients.rewrite(request, SANDBOX);

		assertThat(rewritten.url())
			.hasToString("http://127.0.0.1:8090/v3/pay/transactions/out-trade-no/DEMO1?mchid=1900000001");
	}

	@Test
	void leavesOtherHostsAlone() {
		Request request = new Request.Builder().url("https://example.com/v3/x").build();

		assertThat(WechatPayClients.rewrite(request, SANDBOX)).isSameAs(request);
	}

}
