package io.paytally.sandbox;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import io.paytally.sandbox.crypto.PlatformCertificate;
import io.paytally.sandbox.keys.PlatformIdentity;
import io.paytally.sandbox.keys.PlatformKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PlatformIdentityTest {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T06:00:00Z"), ZoneOffset.UTC);

	private static final PlatformKeys KEYS = PlatformKeys.generate();

	private static final byte[] MESSAGE = "1795406400\nnonce\n{}\n".getBytes(StandardCharsets.UTF_8);

	@Test
	void signsWithTheNewCertificateOnceRotatedAndWithTheChosenOneDuringTheOverlap() {
		PlatformIdentity identity = new PlatformIdentity(KEYS, CLOCK);
		PlatformCertificate old = identity.certificate();
		identity.observe("1900000001", old.serialHex());

		PlatformCertificate issued = identity.rotate();

		assertThat(identity.certificates()).containsExactly(old, issued);
		assertThat(issued.notBefore()).isEqualTo("2026-12-02T06:00:00Z");
		assertThat(issued.notAfter()).isEqualTo("2031-12-02T06:00:00Z").isAfter(old.notAfter());
		PlatformIdentity.Signer reply = identity.replySigner("1900000001", old.serialHex());
		assertThat(reply.serial()).isEqualTo(issued.serialHex());
		assertThat(verifies(issued, reply.sign(MESSAGE))).isTrue();
		assertThat(verifies(old, reply.sign(MESSAGE))).isFalse();
		assertThat(identity.callbackSerial("1900000001")).isEqualTo(issued.serialHex());

		identity.signWith(old.serialHex());
		assertThat(identity.callbackSigner("1900000001").serial()).isEqualTo(old.serialHex());
		assertThat(verifies(old, identity.callbackSigner("1900000001").sign(MESSAGE))).isTrue();
	}

	@Test
	void withdrawsTheOldCertificateButNeverTheLastOne() {
		PlatformIdentity identity = new PlatformIdentity(KEYS, CLOCK);
		PlatformCertificate old = identity.certificate();
		PlatformCertificate issued = identity.rotate();
		identity.signWith(old.serialHex());

		identity.withdraw(old.serialHex());

		assertThat(identity.certificates()).containsExactly(issued);
		assertThat(identity.certificate()).isEqualTo(issued);
		assertThat(identity.replySerial(old.serialHex())).isEqualTo(issued.serialHex());
		assertThat(identity.replySerial(KEYS.publicKeyId())).isEqualTo(KEYS.publicKeyId());
		assertThatIllegalStateException().isThrownBy(() -> identity.withdraw(issued.serialHex()))
			.withMessage("platform certificate " + issued.serialHex() + " is the only one listed");
		assertThatIllegalArgumentException().isThrownBy(() -> identity.withdraw(old.serialHex()))
			.withMessage("no listed platform certificate " + old.serialHex());
	}

	private static boolean verifies(PlatformCertificate certificate, String signature) {
		try {
			Signature verifier = Signature.getInstance("SHA256withRSA");
			verifier.initVerify(CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(certificate.pem().getBytes(StandardCharsets.US_ASCII)))
				.getPublicKey());
			verifier.update(MESSAGE);
			return verifier.verify(Base64.getDecoder().decode(signature));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
