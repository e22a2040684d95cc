package io.paytally.local.keys;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a service needs to act for one merchant at WeChat Pay (or at the sandbox):
 * the merchant's own key and keys, and WeChat Pay's public key.
 *
 * @param mchid the merchant id
 * @param appid the app id
 * @param merchantSerialNumber the serial number of the merchant's API certificate
 * @param privateKeyPem the merchant's private key, PKCS#8 PEM
 * @param apiV3Key the APIv3 key (32 characters)
 * @param apiV2Key the API v2 key (32 characters), may be null
 * @param platformPublicKeyPem WeChat Pay's public key, SPKI PEM
 * @param platformPublicKeyId its id, {@code PUB_KEY_ID_...}
 */
public record MerchantCredentials(String mchid, String appid, String merchantSerialNumber, String privateKeyPem,
		String apiV3Key, String apiV2Key, String platformPublicKeyPem, String platformPublicKeyId) {

	/**
	 * The {@code paytally.wechat.merchants[index].*} properties of this merchant, with
	 * its callbacks sent to {@code notifyUrl} (null: the service's default).
	 */
	public Map<String, Object> springProperties(int index, String notifyUrl) {
		String prefix = "paytally.wechat.merchants[" + index + "].";
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(prefix + "mchid", this.mchid);
		properties.put(prefix + "appid", this.appid);
		properties.put(prefix + "merchant-serial-number", this.merchantSerialNumber);
		properties.put(prefix + "private-key", this.privateKeyPem);
		properties.put(prefix + "api-v3-key", this.apiV3Key);
		if (this.apiV2Key != null) {
			properties.put(prefix + "api-v2-key", this.apiV2Key);
		}
		properties.put(prefix + "verification", "PUBLIC_KEY");
		properties.put(prefix + "platform-public-key", this.platformPublicKeyPem);
		properties.put(prefix + "platform-public-key-id", this.platformPublicKeyId);
		if (notifyUrl != null) {
			properties.put(prefix + "notify-url", notifyUrl.replace("{mchid}", this.mchid));
		}
		return properties;
	}

}
