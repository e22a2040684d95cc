package io.paytally.wechat.testing;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.paytally.sandbox.Sandbox;
import io.paytally.sandbox.SandboxMerchant;
import io.paytally.wechat.MerchantProperties;
import io.paytally.wechat.WechatPayDirectory;
import io.paytally.wechat.WechatPayProperties;

/**
 * A merchant of the sandbox in certificate mode, as the platform-certificate rotation
 * tests of every service configure it: the sandbox's merchant key, serial and APIv3 key,
 * WeChat Pay's platform certificates downloaded from the sandbox's
 * {@code /v3/certificates}, again after 60 minutes and at once whenever a reply or
 * callback names a serial the list lacks (recheck interval 0 s, so that a rotation is
 * followed without waiting).
 */
public final class CertificateModeMerchant {

	/**
	 * How the tests download the certificates again: after 60 min, or on a new serial.
	 */
	public static final WechatPayProperties.Certificates CERTIFICATES = new WechatPayProperties.Certificates(
			Duration.ofMinutes(60), Duration.ZERO);

	private CertificateModeMerchant() {
	}

	/** The merchant's settings in certificate mode. */
	public static MerchantProperties merchant(Sandbox sandbox, String mchid) {
		SandboxMerchant merchant = sandbox.merchant(mchid);
		return new MerchantProperties(mchid, merchant.appid(), merchant.merchantSerialNumber(),
				merchant.privateKeyPem(), null, merchant.apiV3Key(), null, null, null,
				MerchantProperties.Verification.PLATFORM_CERTIFICATE, null, null, null, null);
	}

	/**
	 * The settings of a service serving that merchant alone, calling the sandbox (connect
	 * 5 s, read 10 s).
	 */
	public static WechatPayProperties wechat(Sandbox sandbox, String mchid) {
		return new WechatPayProperties(URI.create(sandbox.baseUrl().toString()), Duration.ofSeconds(5),
				Duration.ofSeconds(10), List.of(merchant(sandbox, mchid)))
			.withCertificates(CERTIFICATES);
	}

	/** The SDK clients of a service serving that merchant alone. */
	public static WechatPayDirectory directory(Sandbox sandbox, String mchid) {
		return new WechatPayDirectory(wechat(sandbox, mchid));
	}

	/**
	 * The same settings as a Spring Boot application takes them (command-line style,
	 * {@code paytally.wechat.*}), the merchant at {@code index} of
	 * {@code paytally.wechat.merchants}.
	 */
	public static List<String> applicationProperties(Sandbox sandbox, String mchid, int index) {
		SandboxMerchant merchant = sandbox.merchant(mchid);
		String prefix = "--paytally.wechat.merchants[" + index + "].";
		return List.of("--paytally.wechat.base-url=" + sandbox.baseUrl(),
				"--paytally.wechat.certificates.refresh-interval=" + CERTIFICATES.refreshInterval(),
				"--paytally.wechat.certificates.recheck-interval=" + CERTIFICATES.recheckInterval(),
				prefix + "mchid=" + mchid, prefix + "appid=" + merchant.appid(),
				prefix + "verification=PLATFORM_CERTIFICATE",
				prefix + "merchant-serial-number=" + merchant.merchantSerialNumber(),
				prefix + "private-key=" + merchant.privateKeyPem(), prefix + "api-v3-key=" + merchant.apiV3Key());
	}

}
