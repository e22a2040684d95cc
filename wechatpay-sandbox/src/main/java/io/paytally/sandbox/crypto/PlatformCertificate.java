package io.paytally.sandbox.crypto;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * A self-signed X.509 platform certificate (DER written by hand, SHA256withRSA) for the
 * certificate mode of the SDK ({@code /v3/certificates}).
 *
 * @param serialHex the serial as the SDK prints it: uppercase hex, no leading zeros
 */
public record PlatformCertificate(String pem, String serialHex, OffsetDateTime notBefore, OffsetDateTime notAfter) {

	private static final byte[] SHA256_WITH_RSA = { 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d,
			0x01, 0x01, 0x0b };

	private static final byte[] COMMON_NAME = { 0x06, 0x03, 0x55, 0x04, 0x03 };

	private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

	/** A certificate valid from a day before {@code now} for five years. */
	public static PlatformCertificate issue(PrivateKey privateKey, PublicKey publicKey, OffsetDateTime now) {
		return issue(privateKey, publicKey, now.minusDays(1), now.minusDays(1).plusYears(5));
	}

	/**
	 * A certificate of {@code publicKey}, self-signed with {@code privateKey}, valid from
	 * {@code notBefore} to {@code notAfter} (whole seconds, UTC).
	 */
	public static PlatformCertificate issue(PrivateKey privateKey, PublicKey publicKey, OffsetDateTime notBefore,
			OffsetDateTime notAfter) {
		BigInteger serial = new BigInteger(159, new SecureRandom()).setBit(155);
		OffsetDateTime from = notBefore.withOffsetSameInstant(ZoneOffset.UTC).withNano(0);
		OffsetDateTime to = notAfter.withOffsetSameInstant(ZoneOffset.UTC).withNano(0);
		byte[] algorithm = der(0x30, SHA256_WITH_RSA, new byte[] { 0x05, 0x00 });
		byte[] name = der(0x30, der(0x31, der(0x30, COMMON_NAME,
				der(0x0c, "Tenpay.com Root CA sandbox platform".getBytes(StandardCharsets.UTF_8)))));
		byte[] tbs = der(0x30, der(0xa0, der(0x02, new byte[] { 0x02 })), der(0x02, serial.toByteArray()), algorithm,
				name,
				der(0x30, der(0x17, from.format(UTC_TIME).getBytes(StandardCharsets.US_ASCII)),
						der(0x17, to.format(UTC_TIME).getBytes(StandardCharsets.US_ASCII))),
				name, publicKey.getEncoded());
		byte[] signature;
		try {
			Signature signer = Signature.getInstance("SHA256withRSA");
			signer.initSign(privateKey);
			signer.update(tbs);
			signature = signer.sign();
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		byte[] bitString = new byte[signature.length + 1];
		System.arraycopy(signature, 0, bitString, 1, signature.length);
		byte[] certificate = der(0x30, tbs, algorithm, der(0x03, bitString));
		String pem = "-----BEGIN CERTIFICATE-----\n"
				+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(certificate)
				+ "\n-----END CERTIFICATE-----\n";
		return new PlatformCertificate(pem, serial.toString(16).toUpperCase(), from, to);
	}

	private static byte[] der(int tag, byte[]... parts) {
		ByteArrayOutputStream content = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			content.writeBytes(part);
		}
		int length = content.size();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(tag);
		if (length < 0x80) {
			out.write(length);
		}
		else if (length < 0x100) {
			out.write(0x81);
			out.write(length);
		}
		else {
			out.write(0x82);
			out.write(length >> 8);
			out.write(length & 0xff);
		}
		out.writeBytes(content.toByteArray());
		return out.toByteArray();
	}

}
