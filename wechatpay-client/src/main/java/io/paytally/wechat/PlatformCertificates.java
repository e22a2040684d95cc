package io.paytally.wechat;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.wechat.pay.java.core.auth.Validator;
import com.wechat.pay.java.core.auth.WechatPay2Credential;
import com.wechat.pay.java.core.certificate.CertificateProvider;
import com.wechat.pay.java.core.cipher.AeadCipher;
import com.wechat.pay.java.core.cipher.RSASigner;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpHeaders;
import com.wechat.pay.java.core.util.PemUtil;
import com.wechat.pay.java.service.certificate.CertificateService;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WeChat Pay's platform certificates of one merchant, downloaded from
 * {@code /v3/certificates} with the SDK and decrypted with the merchant's APIv3 key (or
 * the previous one, while the merchant rotates it). They are downloaded again when the
 * list is older than the refresh interval, and as soon as WeChat names a serial that is
 * not in the list (WeChat's "lazy loading": a new platform certificate signs from the day
 * WeChat starts using it), at most once per recheck interval so that forged serials
 * cannot make it download on every request.
 * <p>
 * Unlike the SDK's {@code RSAAutoCertificateProvider} it keeps no process-wide registry
 * (several clients of one merchant may exist) and runs no thread of its own.
 */
final class PlatformCertificates implements CertificateProvider {

	private static final Logger log = LoggerFactory.getLogger(PlatformCertificates.class);

	private final String mchid;

	private final CertificateService downloader;

	private final AeadCipher apiV3Keys;

	private final Clock clock;

	private final Duration refreshInterval;

	private final Duration recheckInterval;

	private volatile Map<String, X509Certificate> certificates = Map.of();

	private volatile Instant downloadedAt = Instant.MIN;

	/**
	 * Downloads the certificates once.
	 * @throws RuntimeException the SDK's exception when they cannot be downloaded or
	 * decrypted: a service in certificate mode does not start without them
	 */
	PlatformCertificates(MerchantProperties merchant, OkHttpClient okHttpClient, AeadCipher apiV3Keys,
			WechatPayProperties.Certificates settings, Clock clock) {
		this.mchid = merchant.mchid();
		this.apiV3Keys = apiV3Keys;
		this.clock = clock;
		this.refreshInterval = settings.refreshInterval();
		this.recheckInterval = settings.recheckInterval();
		WechatPay2Credential credential = new WechatPay2Credential(merchant.mchid(), new RSASigner(
				merchant.merchantSerialNumber(), PemUtil.loadPrivateKeyFromString(merchant.privateKeyPem())));
		// like the SDK's own downloader, the list's reply signature is not checked: the
		// certificates are authenticated by the AEAD tag under the merchant's APIv3 key
		this.downloader = new CertificateService.Builder()
			.httpClient(new DefaultHttpClientBuilder().credential(credential)
				.validator(new Unchecked())
				.okHttpClient(okHttpClient)
				.build())
			.build();
		download();
	}

	@Override
	public X509Certificate getCertificate(String serialNumber) {
		refreshIfOlderThan(this.refreshInterval);
		X509Certificate certificate = this.certificates.get(serialNumber);
		if (certificate == null && serialNumber != null) {
			refreshIfOlderThan(this.recheckInterval);
			certificate = this.certificates.get(serialNumber);
			if (certificate == null) {
				// the SDK's verifier logs the refusal; forged serials must not flood the
				// log
				log.debug("Platform certificate {} of merchant {} is not listed at /v3/certificates", serialNumber,
						this.mchid);
			}
		}
		return certificate;
	}

	/** The certificate that stays valid longest (its serial goes in requests). */
	@Override
	public X509Certificate getAvailableCertificate() {
		refreshIfOlderThan(this.refreshInterval);
		X509Certificate longest = null;
		for (X509Certificate certificate : this.certificates.values()) {
			if (longest == null || certificate.getNotAfter().after(longest.getNotAfter())) {
				longest = certificate;
			}
		}
		return longest;
	}

	/** The serials downloaded last. */
	List<String> serials() {
		return List.copyOf(this.certificates.keySet());
	}

	private void refreshIfOlderThan(Duration age) {
		if (!this.clock.instant().isBefore(this.downloadedAt.plus(age))) {
			synchronized (this) {
				if (!this.clock.instant().isBefore(this.downloadedAt.plus(age))) {
					try {
						download();
					}
					catch (RuntimeException ex) {
						// the list in hand stays in use; the next verification tries
						// again
						this.downloadedAt = this.clock.instant();
						log.error("Cannot download the platform certificates of merchant {}; keeping {}", this.mchid,
								this.certificates.keySet(), ex);
					}
				}
			}
		}
	}

	private void download() {
		Map<String, X509Certificate> downloaded = new LinkedHashMap<>();
		for (X509Certificate certificate : this.downloader.downloadCertificate(this.apiV3Keys)) {
			downloaded.put(PemUtil.getSerialNumber(certificate), certificate);
		}
		this.certificates = Map.copyOf(downloaded);
		this.downloadedAt = this.clock.instant();
		log.info("Platform certificates of merchant {}: {}", this.mchid, downloaded.keySet());
	}

	/** Accepts the certificate list's reply unchecked (see the constructor). */
	private static final class Unchecked implements Validator {

		@Override
		public <T> boolean validate(HttpHeaders responseHeaders, String body) {
			return true;
		}

		@Override
		public <T> String getSerialNumber() {
			return "";
		}

	}

}
