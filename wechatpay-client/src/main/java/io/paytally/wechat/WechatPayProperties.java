package io.paytally.wechat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
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
 */
@ConfigurationProperties("paytally.wechat")
public record WechatPayProperties(@DefaultValue(WechatPayClients.WECHAT_PAY_API) URI baseUrl,
		@DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout,
		List<MerchantProperties> merchants) {

	public WechatPayProperties {
		merchants = (merchants != null) ? List.copyOf(merchants) : List.of();
	}

	/** The settings of a merchant, if served. */
	public Optional<MerchantProperties> merchant(String mchid) {
		return this.merchants.stream().filter((m) -> m.mchid().equals(mchid)).findFirst();
	}

}
