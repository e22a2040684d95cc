package io.paytally.ingest.verification;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.wechat.pay.java.core.notification.NotificationConfig;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import io.paytally.wechat.MerchantProperties;
import io.paytally.wechat.WechatPayClients;
import io.paytally.wechat.WechatPayProperties;

/**
 * The merchants served and how each one's callbacks are verified, built once at start-up.
 * In public-key mode only WeChat Pay's public key and the APIv3 key are needed (the
 * merchant's private key never has to reach the edge); certificate mode downloads the
 * platform certificates through the shared {@link WechatPayClients}.
 */
public final class Merchants {

	private final Map<String, MerchantVerifier> v3 = new LinkedHashMap<>();

	private final Map<String, String> v2Keys = new LinkedHashMap<>();

	public Merchants(WechatPayProperties properties) {
		for (MerchantProperties merchant : properties.merchants()) {
			if (hasV3(merchant)) {
				this.v3.put(merchant.mchid(), verifier(properties, merchant));
			}
			String v2Key = merchant.apiV2KeyValue();
			if (v2Key != null) {
				this.v2Keys.put(merchant.mchid(), v2Key);
			}
		}
	}

	/** How a merchant's v3 callbacks are verified. */
	public MerchantVerifier v3(String mchid) {
		MerchantVerifier verifier = (mchid != null) ? this.v3.get(mchid) : null;
		if (verifier == null) {
			throw new UnknownMerchant();
		}
		return verifier;
	}

	/** A merchant's API v2 key. */
	public String v2Key(String mchid) {
		String key = (mchid != null) ? this.v2Keys.get(mchid) : null;
		if (key == null) {
			throw new UnknownMerchant();
		}
		return key;
	}

	/** The merchants served. */
	public Set<String> mchids() {
		Set<String> all = new java.util.LinkedHashSet<>(this.v3.keySet());
		all.addAll(this.v2Keys.keySet());
		return all;
	}

	/** The verifier of one v3 merchant (visible for the serial check in tests). */
	public Optional<MerchantVerifier> findV3(String mchid) {
		return Optional.ofNullable(this.v3.get(mchid));
	}

	private static boolean hasV3(MerchantProperties merchant) {
		return notBlank(merchant.apiV3Key()) || merchant.apiV3KeyFile() != null;
	}

	private static MerchantVerifier verifier(WechatPayProperties properties, MerchantProperties merchant) {
		if (merchant.verification() == MerchantProperties.Verification.PLATFORM_CERTIFICATE) {
			NotificationConfig config = (NotificationConfig) new WechatPayClients(properties, merchant).config();
			return new MerchantVerifier(merchant.mchid(), config, null);
		}
		if (!notBlank(merchant.platformPublicKeyId())) {
			throw new IllegalStateException("Merchant " + merchant.mchid()
					+ " verifies with WeChat Pay's public key but has no platform-public-key-id");
		}
		NotificationConfig config = new RSAPublicKeyNotificationConfig.Builder()
			.publicKey(merchant.platformPublicKeyPem())
			.publicKeyId(merchant.platformPublicKeyId())
			.apiV3Key(merchant.apiV3KeyValue())
			.build();
		return new MerchantVerifier(merchant.mchid(), config, merchant.platformPublicKeyId());
	}

	private static boolean notBlank(String value) {
		return value != null && !value.isBlank();
	}

}
