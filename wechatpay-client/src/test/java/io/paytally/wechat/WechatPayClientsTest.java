package io.paytally.wechat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
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
	void aClientWithAnotherReadTimeoutKeepsTheConnectionsAndTheHostRewriting() {
		OkHttpClient client = WechatPayClients.okHttpClient(new WechatPayProperties(URI.create("http://127.0.0.1:8090"),
				Duration.ofSeconds(2), Duration.ofSeconds(5), List.of()));

		OkHttpClient slower = WechatPayClients.okHttpClient(client, Duration.ofSeconds(60));

		assertThat(client.readTimeoutMillis()).isEqualTo(5_000);
		assertThat(slower.readTimeoutMillis()).isEqualTo(60_000);
		assertThat(slower.writeTimeoutMillis()).isEqualTo(60_000);
		assertThat(slower.connectTimeoutMillis()).isEqualTo(2_000);
		assertThat(slower.connectionPool()).isSameAs(client.connectionPool());
		assertThat(slower.interceptors()).isEqualTo(client.interceptors()).hasSize(1);
	}

	@Test
	void leavesOtherHostsAlone() {
		Request request = new Request.Builder().url("https://example.com/v3/x").build();

		assertThat(WechatPayClients.rewrite(request, SANDBOX)).isSameAs(request);
	}

}
