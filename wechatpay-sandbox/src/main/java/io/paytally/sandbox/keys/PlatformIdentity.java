package io.paytally.sandbox.keys;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.paytally.sandbox.crypto.PlatformCertificate;

/**
 * Which name the platform key goes by for a merchant: its public-key id
 * ({@code PUB_KEY_ID_...}, public-key mode) or the serial of a platform certificate
 * (certificate mode). A merchant is in certificate mode when its requests name a platform
 * certificate's serial in {@code Wechatpay-Serial}.
 * <p>
 * Platform certificates rotate as at WeChat: a new certificate (with a new key pair) is
 * issued next to the old one, both are listed at {@code /v3/certificates}, and from then
 * on replies and callbacks in certificate mode are signed with the newest one; the old
 * one is withdrawn later.
 */
public final class PlatformIdentity {

	private final PlatformKeys keys;

	private final Clock clock;

	/** The listed certificates, oldest first. */
	private final List<Issued> certificates = new CopyOnWriteArrayList<>();

	/** The listed certificate that signs: the newest unless told otherwise. */
	private volatile Issued signing;

	/** Every serial ever issued, withdrawn ones too: they still mean certificate mode. */
	private final Set<String> issuedSerials = ConcurrentHashMap.newKeySet();

	private final Set<String> certificateMode = ConcurrentHashMap.newKeySet();

	private final Map<String, AtomicInteger> unlistedReplies = new ConcurrentHashMap<>();

	private volatile Issued unlisted;

	public PlatformIdentity(PlatformKeys keys, Clock clock) {
		this.keys = keys;
		this.clock = clock;
		OffsetDateTime now = OffsetDateTime.now(clock);
		add(new Issued(PlatformCertificate.issue(keys.privateKey(), keys.publicKey(), now.minusDays(1),
				now.minusDays(1).plusYears(5)), keys));
	}

	public PlatformKeys keys() {
		return this.keys;
	}

	/** The certificate that signs now (the newest one listed, unless told otherwise). */
	public PlatformCertificate certificate() {
		return current().certificate();
	}

	/** The certificates listed at {@code /v3/certificates}, oldest first. */
	public List<PlatformCertificate> certificates() {
		return this.certificates.stream().map(Issued::certificate).toList();
	}

	/**
	 * Issues a new platform certificate with a new key pair, effective now and expiring
	 * after every listed one; from now on it signs replies and callbacks in certificate
	 * mode.
	 */
	public synchronized PlatformCertificate rotate() {
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		OffsetDateTime expiry = now.plusYears(5);
		OffsetDateTime newest = this.certificates.get(this.certificates.size() - 1).certificate().notAfter();
		if (!expiry.isAfter(newest)) {
			expiry = newest.plusDays(1);
		}
		PlatformKeys next = PlatformKeys.generate();
		Issued issued = new Issued(PlatformCertificate.issue(next.privateKey(), next.publicKey(), now, expiry), next);
		add(issued);
		return issued.certificate();
	}

	/**
	 * Signs with another listed certificate from now on: during an overlap WeChat signs
	 * with the old and the new one.
	 * @throws IllegalArgumentException if no listed certificate has that serial
	 */
	public void signWith(String serial) {
		this.signing = listed(serial);
	}

	/**
	 * Withdraws a listed certificate: it is no longer listed nor used to sign.
	 * @throws IllegalArgumentException if no listed certificate has that serial
	 * @throws IllegalStateException if it is the only one listed
	 */
	public synchronized void withdraw(String serial) {
		Issued found = listed(serial);
		if (this.certificates.size() == 1) {
			throw new IllegalStateException("platform certificate " + serial + " is the only one listed");
		}
		this.certificates.remove(found);
		if (this.signing == found) {
			this.signing = this.certificates.get(this.certificates.size() - 1);
		}
	}

	private Issued listed(String serial) {
		return this.certificates.stream()
			.filter((issued) -> issued.certificate().serialHex().equalsIgnoreCase(serial))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no listed platform certificate " + serial));
	}

	/**
	 * The next {@code count} signed replies to the merchant are signed with a key whose
	 * certificate was never listed, under that certificate's serial.
	 */
	public void signRepliesUnlisted(String mchid, int count) {
		if (this.unlisted == null) {
			synchronized (this) {
				if (this.unlisted == null) {
					PlatformKeys stray = PlatformKeys.generate();
					OffsetDateTime now = OffsetDateTime.now(this.clock);
					this.unlisted = new Issued(
							PlatformCertificate.issue(stray.privateKey(), stray.publicKey(), now, now.plusYears(5)),
							stray);
				}
			}
		}
		this.unlistedReplies.computeIfAbsent(mchid, (key) -> new AtomicInteger()).set(count);
	}

	/**
	 * The serial and key of a reply to a request of {@code mchid} that named
	 * {@code requestSerial}: the newest certificate's when that names a platform
	 * certificate, else the public key's.
	 */
	public Signer replySigner(String mchid, String requestSerial) {
		AtomicInteger stray = (mchid != null) ? this.unlistedReplies.get(mchid) : null;
		if (stray != null && stray.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
			return new Signer(this.unlisted.certificate().serialHex(), this.unlisted.keys());
		}
		if (requestSerial != null && this.issuedSerials.contains(requestSerial.toUpperCase())) {
			Issued current = current();
			return new Signer(current.certificate().serialHex(), current.keys());
		}
		return new Signer(this.keys.publicKeyId(), this.keys);
	}

	/** The serial to put in a reply to a request that named {@code requestSerial}. */
	public String replySerial(String requestSerial) {
		return replySigner(null, requestSerial).serial();
	}

	public void observe(String mchid, String requestSerial) {
		if (requestSerial != null && this.issuedSerials.contains(requestSerial.toUpperCase())) {
			this.certificateMode.add(mchid);
		}
		else if (this.keys.publicKeyId().equals(requestSerial)) {
			this.certificateMode.remove(mchid);
		}
	}

	/** The serial that signs callbacks to a merchant. */
	public String callbackSerial(String mchid) {
		return callbackSigner(mchid).serial();
	}

	/** The serial and key that sign callbacks to a merchant now. */
	public Signer callbackSigner(String mchid) {
		if (this.certificateMode.contains(mchid)) {
			Issued current = current();
			return new Signer(current.certificate().serialHex(), current.keys());
		}
		return new Signer(this.keys.publicKeyId(), this.keys);
	}

	private Issued current() {
		return this.signing;
	}

	private void add(Issued issued) {
		this.issuedSerials.add(issued.certificate().serialHex().toUpperCase());
		this.certificates.add(issued);
		this.signing = issued;
	}

	/**
	 * A serial as {@code Wechatpay-Serial} names it, and the key that signs under it.
	 */
	public record Signer(String serial, PlatformKeys keys) {

		public String sign(byte[] message) {
			return this.keys.sign(message);
		}

	}

	private record Issued(PlatformCertificate certificate, PlatformKeys keys) {

	}

}
