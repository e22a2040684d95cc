package io.paytally.wechat;

import com.wechat.pay.java.core.AbstractRSAConfig;
import com.wechat.pay.java.core.cipher.AeadCipher;
import com.wechat.pay.java.core.cipher.RSAVerifier;
import com.wechat.pay.java.core.cipher.Verifier;
import com.wechat.pay.java.core.notification.NotificationConfig;
import com.wechat.pay.java.core.util.PemUtil;

/**
 * The SDK's configuration in certificate mode, over {@link PlatformCertificates}: signs
 * with the merchant's key, verifies with the platform certificate that
 * {@code Wechatpay-Serial} names, decrypts with the APIv3 key (or the previous one).
 */
final class CertificateModeConfig extends AbstractRSAConfig implements NotificationConfig {

	private final PlatformCertificates certificates;

	private final AeadCipher apiV3Keys;

	CertificateModeConfig(MerchantProperties merchant, PlatformCertificates certificates, AeadCipher apiV3Keys) {
		super(merchant.mchid(), PemUtil.loadPrivateKeyFromString(merchant.privateKeyPem()),
				merchant.merchantSerialNumber(), certificates);
		this.certificates = certificates;
		this.apiV3Keys = apiV3Keys;
	}

	@Override
	public String getSignType() {
		return "WECHATPAY2-SHA256-RSA2048";
	}

	@Override
	public String getCipherType() {
		return "AEAD_AES_256_GCM";
	}

	@Override
	public Verifier createVerifier() {
		return new RSAVerifier(this.certificates);
	}

	@Override
	public AeadCipher createAeadCipher() {
		return this.apiV3Keys;
	}

	PlatformCertificates certificates() {
		return this.certificates;
	}

}
