package io.paytally.local.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * A directory of key files for one merchant and the platform (WeChat Pay's side), written
 * by {@code paytally keygen} for a trial and read by the sandbox and the services in
 * docker compose's trial mode. Never commit such a directory: it holds private keys.
 * <p>
 * Keys are only ever written into an empty (or absent) directory, each file created new:
 * a file that exists is never written over. A directory holding anything else, such as a
 * real merchant's own files (which never include the platform's private key), is left
 * untouched.
 *
 * <pre>
 * mchid, appid                     the merchant
 * merchant_serial_number           its certificate serial number
 * merchant_private_key.pem         PKCS#8: the services sign with it
 * merchant_public_key.pem          SPKI: the sandbox verifies with it
 * api_v3_key, api_v2_key           32 characters each
 * platform_private_key.pem         PKCS#8: the sandbox signs as WeChat Pay
 * platform_public_key.pem          SPKI: the services verify WeChat Pay with it
 * platform_public_key_id           PUB_KEY_ID_...
 * </pre>
 */
public final class KeyFiles {

	public static final String MCHID = "mchid";

	public static final String APPID = "appid";

	public static final String MERCHANT_SERIAL_NUMBER = "merchant_serial_number";

	public static final String MERCHANT_PRIVATE_KEY = "merchant_private_key.pem";

	public static final String MERCHANT_PUBLIC_KEY = "merchant_public_key.pem";

	public static final String API_V3_KEY = "api_v3_key";

	public static final String API_V2_KEY = "api_v2_key";

	public static final String PLATFORM_PRIVATE_KEY = "platform_private_key.pem";

	public static final String PLATFORM_PUBLIC_KEY = "platform_public_key.pem";

	public static final String PLATFORM_PUBLIC_KEY_ID = "platform_public_key_id";

	private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private final Path directory;

	public KeyFiles(Path directory) {
		this.directory = directory;
	}

	public Path directory() {
		return this.directory;
	}

	/** Every file of a set, as {@link #generate} writes them. */
	public static final List<String> NAMES = List.of(MCHID, APPID, MERCHANT_SERIAL_NUMBER, MERCHANT_PRIVATE_KEY,
			MERCHANT_PUBLIC_KEY, API_V3_KEY, API_V2_KEY, PLATFORM_PRIVATE_KEY, PLATFORM_PUBLIC_KEY,
			PLATFORM_PUBLIC_KEY_ID);

	/** Whether the directory already holds a complete set. */
	public boolean exists() {
		return NAMES.stream().allMatch((name) -> Files.isRegularFile(this.directory.resolve(name)));
	}

	/** The names of the entries in the directory, sorted; empty when it is absent. */
	public List<String> entries() {
		if (!Files.isDirectory(this.directory)) {
			return List.of();
		}
		try (Stream<Path> entries = Files.list(this.directory)) {
			return entries.map((entry) -> entry.getFileName().toString()).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + this.directory, ex);
		}
	}

	/**
	 * The ids this set was generated with that differ from the ones given (a {@code .env}
	 * changed after the keys were written), as {@code file: here != given}.
	 */
	public List<String> disagreements(String mchid, String appid, String serialNumber, String platformPublicKeyId) {
		List<String> differences = new ArrayList<>();
		compare(differences, MCHID, mchid);
		compare(differences, APPID, appid);
		compare(differences, MERCHANT_SERIAL_NUMBER, serialNumber);
		compare(differences, PLATFORM_PUBLIC_KEY_ID, platformPublicKeyId);
		return differences;
	}

	private void compare(List<String> differences, String name, String expected) {
		if (expected != null && !expected.equals(read(name))) {
			differences
				.add(name + " is " + read(name) + " in " + this.directory + ", " + expected + " in the settings");
		}
	}

	/**
	 * Writes a new set into an empty or absent directory: fresh RSA 2048 keys and random
	 * API keys; the ids as given. Writes nothing when the directory holds any entry.
	 * @return the files written
	 * @throws KeyDirectoryNotEmpty when the directory holds any entry
	 */
	public List<Path> generate(String mchid, String appid, String serialNumber, String platformPublicKeyId) {
		List<String> present = entries();
		if (!present.isEmpty()) {
			throw new KeyDirectoryNotEmpty(this.directory, present);
		}
		SecureRandom random = new SecureRandom();
		KeyPair merchant = rsa(random);
		KeyPair platform = rsa(random);
		List<Path> written = new ArrayList<>();
		try {
			Files.createDirectories(this.directory);
			written.add(write(MCHID, mchid, false));
			written.add(write(APPID, appid, false));
			written.add(write(MERCHANT_SERIAL_NUMBER, serialNumber, false));
			written.add(write(MERCHANT_PRIVATE_KEY, pem("PRIVATE KEY", merchant.getPrivate().getEncoded()), true));
			written.add(write(MERCHANT_PUBLIC_KEY, pem("PUBLIC KEY", merchant.getPublic().getEncoded()), false));
			written.add(write(API_V3_KEY, randomText(random, 32), true));
			written.add(write(API_V2_KEY, randomText(random, 32), true));
			written.add(write(PLATFORM_PRIVATE_KEY, pem("PRIVATE KEY", platform.getPrivate().getEncoded()), true));
			written.add(write(PLATFORM_PUBLIC_KEY, pem("PUBLIC KEY", platform.getPublic().getEncoded()), false));
			written.add(write(PLATFORM_PUBLIC_KEY_ID, platformPublicKeyId, false));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write keys to " + this.directory, ex);
		}
		return written;
	}

	/** The merchant's credentials as the services need them. */
	public MerchantCredentials credentials() {
		return new MerchantCredentials(read(MCHID), read(APPID), read(MERCHANT_SERIAL_NUMBER),
				read(MERCHANT_PRIVATE_KEY), read(API_V3_KEY), read(API_V2_KEY), read(PLATFORM_PUBLIC_KEY),
				read(PLATFORM_PUBLIC_KEY_ID));
	}

	/** One file's content, trimmed. */
	public String read(String name) {
		Path file = this.directory.resolve(name);
		try {
			return Files.readString(file, StandardCharsets.UTF_8).trim();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file + " (run `paytally keygen --out " + this.directory
					+ "` to create the key files)", ex);
		}
	}

	/** A random serial number like WeChat's: 40 upper-case hex digits. */
	public static String randomSerialNumber() {
		SecureRandom random = new SecureRandom();
		StringBuilder serial = new StringBuilder(40);
		for (int i = 0; i < 40; i++) {
			serial.append("0123456789ABCDEF".charAt(random.nextInt(16)));
		}
		return serial.toString();
	}

	private Path write(String name, String content, boolean secret) throws IOException {
		Path file = this.directory.resolve(name);
		// CREATE_NEW: never over a file that appeared since the directory was found empty
		Files.writeString(file, content + (content.endsWith("\n") ? "" : "\n"), StandardCharsets.UTF_8,
				StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
		if (secret) {
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: leave the permissions as they are
			}
		}
		return file;
	}

	private static KeyPair rsa(SecureRandom random) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048, random);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("RSA is missing from this JVM", ex);
		}
	}

	static String pem(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

	private static String randomText(SecureRandom random, int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
		}
		return text.toString();
	}

}
