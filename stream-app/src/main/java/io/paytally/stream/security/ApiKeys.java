package io.paytally.stream.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The configured callers by the SHA-256 of their keys, and the instances' key. Keys are
 * never kept, only their hashes (the instance key excepted: this instance presents it).
 */
public final class ApiKeys {

	private final Map<String, ApiCaller> byHash = new HashMap<>();

	private final String instanceKey;

	ApiKeys(ApiSecurityProperties properties) {
		for (ApiSecurityProperties.Caller caller : properties.callers()) {
			if (caller.name() == null || caller.name().isBlank()) {
				throw new IllegalArgumentException("paytally.security.callers[*].name is required");
			}
			if ((caller.keySha256() == null) == (caller.keyFile() == null)) {
				throw new IllegalArgumentException(
						"paytally.security.callers of " + caller.name() + ": exactly one of key-sha256 and key-file");
			}
			if (caller.merchants().isEmpty()) {
				throw new IllegalArgumentException(
						"paytally.security.callers of " + caller.name() + ": merchants must name at least one");
			}
			String hash = (caller.keySha256() != null) ? caller.keySha256().trim().toLowerCase(Locale.ROOT)
					: sha256(read(caller.keyFile()));
			if (!hash.matches("[0-9a-f]{64}")) {
				throw new IllegalArgumentException(
						"paytally.security.callers of " + caller.name() + ": key-sha256 must be 64 hex digits");
			}
			if (this.byHash.putIfAbsent(hash, new ApiCaller(caller.name(), caller.merchants(), false)) != null) {
				throw new IllegalArgumentException(
						"paytally.security.callers of " + caller.name() + ": the same key as another caller");
			}
		}
		if (properties.instanceKey() != null && !properties.instanceKey().isBlank()) {
			this.instanceKey = properties.instanceKey().trim();
		}
		else if (properties.instanceKeyFile() != null) {
			this.instanceKey = read(properties.instanceKeyFile());
		}
		else {
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			this.instanceKey = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		}
		this.byHash.put(sha256(this.instanceKey), new ApiCaller(ApiCaller.INSTANCE_NAME, java.util.Set.of(), true));
	}

	/** The caller holding this key, if any. */
	Optional<ApiCaller> caller(String key) {
		return Optional.ofNullable(this.byHash.get(sha256(key)));
	}

	/**
	 * The {@code Authorization} header value this instance presents to the others on the
	 * query hop.
	 */
	public String instanceAuthorization() {
		return "Bearer " + this.instanceKey;
	}

	/** The SHA-256 of a key, in lower-case hex, as {@code key-sha256} holds it. */
	public static String sha256(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String read(java.nio.file.Path file) {
		try {
			String key = Files.readString(file, StandardCharsets.UTF_8).trim();
			if (key.isEmpty()) {
				throw new IllegalArgumentException("The key file " + file + " is empty");
			}
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the key file " + file, ex);
		}
	}

}
