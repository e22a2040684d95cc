package io.paytally.sandbox.keys;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.paytally.sandbox.crypto.PlatformCertificate;

/**
 * Which name the platform key goes by for a merchant: its public-key id
 * ({@code PUB_KEY_ID_...}, public-key mode) or the serial of the platform certificate
 * (certificate mode). A merchant is in certificate mode when its requests name the
 * certificate serial in {@code Wechatpay-Serial}.
 */
public final class PlatformIdentity {

	private final PlatformKeys keys;

	private final PlatformCertificate certificate;

	private final Set<String> certificateMode = ConcurrentHashMap.newKeySet();

	public PlatformIdentity(PlatformKeys keys, PlatformCertificate certificate) {
		this.keys = keys;
		this.certificate = certificate;
	}

	public PlatformKeys keys() {
		return this.keys;
	}

	public PlatformCertificate certificate() {
		return this.certificate;
	}

	/** The serial to put in a reply to a request that named {@code requestSerial}. */
	public String replySerial(String requestSerial) {
		return this.certificate.serialHex().equalsIgnoreCase(requestSerial) ? this.certificate.serialHex()
				: this.keys.publicKeyId();
	}

	public void observe(String mchid, String requestSerial) {
		if (this.certificate.serialHex().equalsIgnoreCase(requestSerial)) {
			this.certificateMode.add(mchid);
		}
		else if (this.keys.publicKeyId().equals(requestSerial)) {
			this.certificateMode.remove(mchid);
		}
	}

	/** The serial that signs callbacks to a merchant. */
	public String callbackSerial(String mchid) {
		return this.certificateMode.contains(mchid) ? this.certificate.serialHex() : this.keys.publicKeyId();
	}

}
