package io.paytally.wechat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach WeChat Pay and which merchants paytally serves
 * ({@code paytally.wechat.*}).
 *
 * @param baseUrl where WeChat Pay's API is: WeChat's own host in production, the
 * sandbox's URL anywhere else
 * @param connectTimeout the TCP connect timeout of calls to WeChat
 * @param readTimeout the read timeout of calls to WeChat
 * @param merchants the merchants served
 * @param certificates when merchants in certificate mode download WeChat Pay's platform
 * certificates again
 */
@ConfigurationProperties("paytally.wechat")
public record WechatPayProperties(@DefaultValue(WechatPayClients.WECHAT_PAY_API) URI baseUrl,
		@DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout,
		List<MerchantProperties> merchants, @DefaultValue Certificates certificates) {

	@ConstructorBinding
	public WechatPayProperties {
		merchants = (merchants != null) ? List.copyOf(merchants) : List.of();
		certificates = (certificates != null) ? certificates : Certificates.DEFAULTS;
	}

	/** The settings with the default certificate refresh. */
	public WechatPayProperties(URI baseUrl, Duration connectTimeout, Duration readTimeout,
			List<MerchantProperties> merchants) {
		this(baseUrl, connectTimeout, readTimeout, merchants, Certificates.DEFAULTS);
	}

	/** The same settings with another certificate refresh. */
	public WechatPayProperties withCertificates(Certificates refresh) {
		return new WechatPayProperties(this.baseUrl, this.connectTimeout, this.readTimeout, this.merchants, refresh);
	}

	/**
	 * The same settings with another read timeout (a service whose calls to WeChat have a
	 * timeout of their own).
	 */
	public WechatPayProperties withReadTimeout(Duration timeout) {
		return new WechatPayProperties(this.baseUrl, this.connectTimeout, timeout, this.merchants, this.certificates);
	}

	/** The settings of a merchant, if served. */
	public Optional<MerchantProperties> merchant(String mchid) {
		return this.merchants.stream().filter((m) -> m.mchid().equals(mchid)).findFirst();
	}

	/**
	 * When the platform certificates of a merchant in certificate mode
	 * ({@code paytally.wechat.certificates.*}) are downloaded again from
	 * {@code /v3/certificates}.
	 *
	 * @param refreshInterval the age after which the list is downloaded again (the SDK's
	 * own downloader: 60 minutes)
	 * @param recheckInterval how soon after the last download a serial WeChat names but
	 * the list lacks makes it download again (a new certificate after a rotation)
	 */
	public record Certificates(@DefaultValue("60m") Duration refreshInterval,
			@DefaultValue("10s") Duration recheckInterval) {

		static final Certificates DEFAULTS = new Certificates(Duration.ofMinutes(60), Duration.ofSeconds(10));

	}

}
