package io.paytally.sandbox;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * An OkHttp client that sends what the SDK addresses to api.mch.weixin.qq.com to the
 * sandbox.
 */
final class RewritingOkHttp {

	private RewritingOkHttp() {
	}

	static OkHttpClient to(URI baseUrl) {
		return new OkHttpClient.Builder().readTimeout(30, TimeUnit.SECONDS).addInterceptor((chain) -> {
			HttpUrl url = chain.request().url();
			HttpUrl rewritten = url.newBuilder()
				.scheme(baseUrl.getScheme())
				.host(baseUrl.getHost())
				.port(baseUrl.getPort())
				.build();
			return chain.proceed(chain.request().newBuilder().url(rewritten).build());
		}).build();
	}

}
