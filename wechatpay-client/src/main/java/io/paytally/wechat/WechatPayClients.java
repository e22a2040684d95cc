package io.paytally.wechat;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.auth.WechatPay2Validator;
import com.wechat.pay.java.core.cipher.Verifier;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationConfig;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Builds the official SDK's clients for one merchant. Calls go to {@code baseUrl}: the
 * SDK always addresses WeChat's host, and an OkHttp interceptor rewrites it to the
 * configured one (the host is not part of the signed text, so this is safe).
 */
public final class WechatPayClients {

	/** WeChat Pay's API host. */
	public static final String WECHAT_PAY_API = "https://api.mch.weixin.qq.com";

	private static final Set<String> WECHAT_HOSTS = Set.of("api.mch.weixin.qq.com", "api2.mch.weixin.qq.com",
			"apihk.mch.weixin.qq.com");

	private final MerchantProperties merchant;

	private final OkHttpClient okHttpClient;

	private final Config config;

	private final HttpClient httpClient;

	private final SerialVerifier verifier;

	/**
	 * The SDK's public-key config insists on an APIv3 key even when only its verifier is
	 * used.
	 */
	private static final String PLACEHOLDER_API_V3_KEY = "0".repeat(32);

	public WechatPayClients(WechatPayProperties properties, MerchantProperties merchant) {
		this.merchant = merchant;
		this.okHttpClient = okHttpClient(properties);
		this.config = config(merchant, this.okHttpClient, properties.certificates());
		this.verifier = verifier(merchant, this.config);
		this.httpClient = new DefaultHttpClientBuilder().config(this.config)
			.validator(new WechatPay2Validator(this.verifier))
			.okHttpClient(this.okHttpClient)
			.build();
	}

	/**
	 * The SDK verifiers of WeChat Pay's signatures for this merchant, by serial: the
	 * current public key, the previous one during a rotation, and the platform
	 * certificates in certificate mode (alone, or next to the public key during the
	 * migration).
	 */
	public SerialVerifier verifier() {
		return this.verifier;
	}

	static SerialVerifier verifier(MerchantProperties merchant, Config config) {
		Map<String, Verifier> byKeyId = new LinkedHashMap<>();
		boolean certificateMode = merchant.verification() == MerchantProperties.Verification.PLATFORM_CERTIFICATE;
		if (!certificateMode) {
			byKeyId.put(merchant.platformPublicKeyId(), ((NotificationConfig) config).createVerifier());
		}
		else if (merchant.hasPlatformPublicKey()) {
			byKeyId.put(merchant.platformPublicKeyId(),
					publicKeyVerifier(merchant.platformPublicKeyPem(), merchant.platformPublicKeyId()));
		}
		if (merchant.hasPreviousPlatformPublicKey()) {
			byKeyId.putIfAbsent(merchant.previousPlatformPublicKeyId(),
					publicKeyVerifier(merchant.previousPlatformPublicKeyPem(), merchant.previousPlatformPublicKeyId()));
		}
		return new SerialVerifier(byKeyId, certificateMode ? ((NotificationConfig) config).createVerifier() : null);
	}

	/** The SDK's verifier of one WeChat Pay public key. */
	public static Verifier publicKeyVerifier(String publicKeyPem, String publicKeyId) {
		// the SDK's callback config of a public key is the one that needs no merchant
		// key; its verifier is the same as the API config's
		return new RSAPublicKeyNotificationConfig.Builder().publicKey(publicKeyPem)
			.publicKeyId(publicKeyId)
			.apiV3Key(PLACEHOLDER_API_V3_KEY)
			.build()
			.createVerifier();
	}

	/**
	 * The platform certificates' serials downloaded last, in certificate mode; empty in
	 * public-key mode.
	 */
	public List<String> platformCertificateSerials() {
		return (this.config instanceof CertificateModeConfig certificateMode) ? certificateMode.certificates().serials()
				: List.of();
	}

	/** The merchant these clients act for. */
	public MerchantProperties merchant() {
		return this.merchant;
	}

	/** The SDK configuration: signs requests, verifies replies, decrypts. */
	public Config config() {
		return this.config;
	}

	/**
	 * The SDK HTTP client to give the SDK's services
	 * ({@code new JsapiService.Builder()...}).
	 */
	public HttpClient httpClient() {
		return this.httpClient;
	}

	/**
	 * An SDK HTTP client like {@link #httpClient()} (the same signing, verification and
	 * connections) that reads for {@code readTimeout}: for a call slower by nature than
	 * the others, such as a large merchant's bill.
	 */
	public HttpClient httpClient(Duration readTimeout) {
		if (readTimeout.toMillis() == this.okHttpClient.readTimeoutMillis()) {
			return this.httpClient;
		}
		return new DefaultHttpClientBuilder().config(this.config)
			.validator(new WechatPay2Validator(this.verifier))
			.okHttpClient(okHttpClient(this.okHttpClient, readTimeout))
			.build();
	}

	/**
	 * The OkHttp client with another read (and write) timeout, sharing the connections
	 * and the host rewriting.
	 */
	static OkHttpClient okHttpClient(OkHttpClient client, Duration readTimeout) {
		return client.newBuilder()
			.readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
			.writeTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
			.build();
	}

	/** The OkHttp client, rewriting WeChat's host, for builders that need their own. */
	public OkHttpClient okHttpClient() {
		return this.okHttpClient;
	}

	/** A parser that verifies and decrypts this merchant's callbacks. */
	public NotificationParser notificationParser() {
		return new NotificationParser((NotificationConfig) this.config);
	}

	/**
	 * An OkHttp client with the configured timeouts that sends WeChat's host to
	 * {@code baseUrl}.
	 */
	public static OkHttpClient okHttpClient(WechatPayProperties properties) {
		OkHttpClient.Builder builder = new OkHttpClient.Builder()
			.connectTimeout(properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.readTimeout(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.writeTimeout(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
		HttpUrl target = HttpUrl.get(properties.baseUrl().toString());
		if (!WECHAT_HOSTS.contains(target.host().toLowerCase(Locale.ROOT))) {
			builder.addInterceptor((chain) -> chain.proceed(rewrite(chain.request(), target)));
		}
		return builder.build();
	}

	static Request rewrite(Request request, HttpUrl target) {
		HttpUrl url = request.url();
		if (!WECHAT_HOSTS.contains(url.host().toLowerCase(Locale.ROOT))) {
			return request;
		}
		HttpUrl rewritten = url.newBuilder().scheme(target.scheme()).host(target.host()).port(target.port()).build();
		return request.newBuilder().url(rewritten).build();
	}

	static Config config(MerchantProperties merchant, OkHttpClient okHttpClient,
			WechatPayProperties.Certificates refresh) {
		if (merchant.verification() == MerchantProperties.Verification.PLATFORM_CERTIFICATE) {
			ApiV3Keys apiV3Keys = new ApiV3Keys(merchant.apiV3KeyValue(), merchant.previousApiV3KeyValue());
			return new CertificateModeConfig(merchant,
					new PlatformCertificates(merchant, okHttpClient, apiV3Keys, refresh, Clock.systemUTC()), apiV3Keys);
		}
		return new RSAPublicKeyConfig.Builder().merchantId(merchant.mchid())
			.privateKey(merchant.privateKeyPem())
			.merchantSerialNumber(merchant.merchantSerialNumber())
			.apiV3Key(merchant.apiV3KeyValue())
			.publicKey(merchant.platformPublicKeyPem())
			.publicKeyId(merchant.platformPublicKeyId())
			.build();
	}

}
