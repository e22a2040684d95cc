package io.paytally.sandbox.keys;

import java.security.PublicKey;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The merchants the sandbox serves, by mchid.
 */
public final class MerchantRegistry {

	private final Map<String, MerchantKeys> merchants = new ConcurrentHashMap<>();

	/**
	 * API certificates a merchant applied for besides the one it was created with, by
	 * mchid and upper-case serial: during a rotation of the merchant's API private key
	 * WeChat accepts requests signed under either certificate.
	 */
	private final Map<String, Map<String, PublicKey>> addedCertificates = new ConcurrentHashMap<>();

	/** Certificates a merchant revoked (its original one included), by mchid. */
	private final Map<String, Set<String>> revokedCertificates = new ConcurrentHashMap<>();

	public MerchantKeys add(MerchantKeys merchant) {
		MerchantKeys existing = this.merchants.putIfAbsent(merchant.mchid(), merchant);
		return (existing != null) ? existing : merchant;
	}

	public Optional<MerchantKeys> find(String mchid) {
		return Optional.ofNullable(this.merchants.get(mchid));
	}

	/**
	 * The public key of a merchant's API certificate by its serial: the one the merchant
	 * was created with or one added since, unless revoked.
	 */
	public Optional<PublicKey> certificate(MerchantKeys merchant, String serial) {
		String upper = (serial != null) ? serial.toUpperCase(Locale.ROOT) : "";
		if (this.revokedCertificates.getOrDefault(merchant.mchid(), Set.of()).contains(upper)) {
			return Optional.empty();
		}
		if (merchant.serialNumber().equalsIgnoreCase(upper)) {
			return Optional.of(merchant.publicKey());
		}
		return Optional.ofNullable(this.addedCertificates.getOrDefault(merchant.mchid(), Map.of()).get(upper));
	}

	/** The merchant applied for another API certificate (a new private key). */
	public void addCertificate(String mchid, String serial, PublicKey publicKey) {
		String upper = serial.toUpperCase(Locale.ROOT);
		this.addedCertificates.computeIfAbsent(mchid, (k) -> new ConcurrentHashMap<>()).put(upper, publicKey);
		Set<String> revoked = this.revokedCertificates.get(mchid);
		if (revoked != null) {
			revoked.remove(upper);
		}
	}

	/** The merchant revoked an API certificate: requests signed under it are refused. */
	public void revokeCertificate(String mchid, String serial) {
		String upper = serial.toUpperCase(Locale.ROOT);
		this.revokedCertificates.computeIfAbsent(mchid, (k) -> ConcurrentHashMap.newKeySet()).add(upper);
		Map<String, PublicKey> added = this.addedCertificates.get(mchid);
		if (added != null) {
			added.remove(upper);
		}
	}

	public Collection<MerchantKeys> all() {
		return this.merchants.values();
	}

}
