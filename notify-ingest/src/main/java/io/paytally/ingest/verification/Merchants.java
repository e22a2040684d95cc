package io.paytally.ingest.verification;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.wechat.pay.java.core.cipher.AeadAesCipher;
import com.wechat.pay.java.core.cipher.AeadCipher;
import com.wechat.pay.java.core.cipher.Verifier;
import com.wechat.pay.java.core.notification.NotificationConfig;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import io.paytally.wechat.MerchantProperties;
import io.paytally.wechat.SerialVerifier;
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

	private final Map<String, List<String>> appids = new LinkedHashMap<>();

	public Merchants(WechatPayProperties properties) {
		for (MerchantProperties merchant : properties.merchants()) {
			if (hasV3(merchant)) {
				this.v3.put(merchant.mchid(), verifier(properties, merchant));
			}
			this.appids.put(merchant.mchid(), merchant.boundAppids());
			String v2Key = merchant.apiV2KeyValue();
			if (v2Key != null) {
				this.v2Keys.put(merchant.mchid(), v2Key);
			}
		}
	}

	/** Merchants verified by given verifiers, for tests of material found in the wild. */
	Merchants(Map<String, MerchantVerifier> verifiers) {
		this.v3.putAll(verifiers);
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

	/**
	 * Whether an app id is one the merchant has bound: its {@code appid} or one of its
	 * {@code appids}. A merchant configured with none accepts any (it has not said
	 * which).
	 */
	public boolean bindsAppid(String mchid, String appid) {
		List<String> bound = this.appids.getOrDefault(mchid, List.of());
		return bound.isEmpty() || bound.contains(appid);
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
		List<AeadCipher> ciphers = new ArrayList<>();
		ciphers.add(new AeadAesCipher(merchant.apiV3KeyValue().getBytes(StandardCharsets.UTF_8)));
		String previousApiV3Key = merchant.previousApiV3KeyValue();
		if (previousApiV3Key != null) {
			ciphers.add(new AeadAesCipher(previousApiV3Key.getBytes(StandardCharsets.UTF_8)));
		}
		if (merchant.verification() == MerchantProperties.Verification.PLATFORM_CERTIFICATE) {
			WechatPayClients clients = new WechatPayClients(properties, merchant);
			return new MerchantVerifier(merchant.mchid(), (NotificationConfig) clients.config(), clients.verifier(),
					ciphers);
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
		Map<String, Verifier> byKeyId = new LinkedHashMap<>();
		byKeyId.put(merchant.platformPublicKeyId(), config.createVerifier());
		if (merchant.hasPreviousPlatformPublicKey()) {
			byKeyId.putIfAbsent(merchant.previousPlatformPublicKeyId(), WechatPayClients
				.publicKeyVerifier(merchant.previousPlatformPublicKeyPem(), merchant.previousPlatformPublicKeyId()));
		}
		return new MerchantVerifier(merchant.mchid(), config, new SerialVerifier(byKeyId, null), ciphers);
	}

	private static boolean notBlank(String value) {
		return value != null && !value.isBlank();
	}

}
