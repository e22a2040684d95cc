package io.paytally.sandbox;

/**
 * A merchant's credentials as the sandbox generated them (sandbox only: WeChat never
 * knows a merchant's private key).
 *
 * @param privateKeyPem PKCS#8 PEM; null when the merchant was configured with a public
 * key only
 * @param apiV3Key 32 characters
 * @param apiV2Key 32 characters
 */
public record SandboxMerchant(String mchid, String appid, String merchantSerialNumber, String privateKeyPem,
		String apiV3Key, String apiV2Key) {

}
