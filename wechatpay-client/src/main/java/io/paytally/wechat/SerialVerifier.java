package io.paytally.wechat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.wechat.pay.java.core.cipher.Verifier;

/**
 * The official SDK's verifiers of one merchant, chosen by the serial WeChat Pay names in
 * {@code Wechatpay-Serial}: each configured public key by its id (current and previous,
 * during a rotation), anything else to the certificate verifier in certificate mode (the
 * migration from platform certificates to the public key). This is the rule of the SDK's
 * own {@code RSACombinedNotificationConfig}, which cannot be used here: it builds a
 * second certificate downloader for the merchant and knows a single public key. The
 * signature checks themselves are the SDK's.
 */
public final class SerialVerifier implements Verifier {

	private final Map<String, Verifier> byKeyId;

	private final Verifier certificates;

	private final String currentSerial;

	/**
	 * @param byKeyId the SDK verifier of each public key, by its id, the current one
	 * first
	 * @param certificates the SDK's certificate verifier, or {@code null} without
	 * certificate mode
	 */
	public SerialVerifier(Map<String, Verifier> byKeyId, Verifier certificates) {
		this.byKeyId = new LinkedHashMap<>(byKeyId);
		this.certificates = certificates;
		if (certificates != null) {
			this.currentSerial = null;
		}
		else if (!byKeyId.isEmpty()) {
			this.currentSerial = byKeyId.keySet().iterator().next();
		}
		else {
			throw new IllegalArgumentException("A merchant needs a public key or certificate mode");
		}
	}

	/** The public key ids accepted. */
	public Set<String> keyIds() {
		return this.byKeyId.keySet();
	}

	/** Whether serials other than the public key ids go to the certificates. */
	public boolean certificateMode() {
		return this.certificates != null;
	}

	/**
	 * Whether a serial can verify at all: a public key id configured, or any serial in
	 * certificate mode (the SDK's certificate provider decides).
	 */
	public boolean knows(String serial) {
		return this.byKeyId.containsKey(serial) || this.certificates != null;
	}

	@Override
	public boolean verify(String serialNumber, String message, String signature) {
		Verifier verifier = this.byKeyId.get(serialNumber);
		if (verifier == null) {
			verifier = this.certificates;
		}
		return verifier != null && verifier.verify(serialNumber, message, signature);
	}

	/**
	 * The serial the SDK sends in {@code Wechatpay-Serial}: the current platform
	 * certificate's in certificate mode, else the current public key id.
	 */
	@Override
	public String getSerialNumber() {
		return (this.certificates != null) ? this.certificates.getSerialNumber() : this.currentSerial;
	}

}
