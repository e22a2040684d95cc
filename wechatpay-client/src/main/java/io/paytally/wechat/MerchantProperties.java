package io.paytally.wechat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One merchant's WeChat Pay settings. Every secret is given either as a value (from an
 * environment placeholder) or as a file holding it; never commit either.
 *
 * @param mchid the merchant id
 * @param appid the app id payments are made under
 * @param merchantSerialNumber the serial number of the merchant's API certificate
 * @param privateKey the merchant's API private key, PKCS#8 PEM
 * @param privateKeyFile a file holding {@code privateKey}
 * @param apiV3Key the APIv3 key (32 characters) that decrypts callbacks
 * @param apiV3KeyFile a file holding {@code apiV3Key}
 * @param apiV2Key the API v2 key that signs legacy XML callbacks, if the merchant uses
 * them
 * @param apiV2KeyFile a file holding {@code apiV2Key}
 * @param verification how WeChat's signatures are verified
 * @param platformPublicKey WeChat Pay's public key (SPKI PEM), in public-key mode
 * @param platformPublicKeyFile a file holding {@code platformPublicKey}
 * @param platformPublicKeyId the id of that key ({@code PUB_KEY_ID_...})
 * @param notifyUrl the URL WeChat calls back for this merchant's orders
 * @param appids further app ids bound to the merchant (besides {@code appid}): a v2
 * callback under any other app id is refused
 * @param previous the keys being replaced during a rotation, accepted next to the current
 * ones until they are removed from the settings
 */
public record MerchantProperties(String mchid, String appid, String merchantSerialNumber, String privateKey,
		Path privateKeyFile, String apiV3Key, Path apiV3KeyFile, String apiV2Key, Path apiV2KeyFile,
		@DefaultValue("PUBLIC_KEY") Verification verification, String platformPublicKey, Path platformPublicKeyFile,
		String platformPublicKeyId, String notifyUrl, List<String> appids, PreviousKeys previous) {

	@ConstructorBinding
	public MerchantProperties {
		if (mchid == null || mchid.isBlank()) {
			throw new IllegalArgumentException("A merchant needs its mchid");
		}
		appids = (appids != null) ? List.copyOf(appids) : List.of();
		List<String> unusable = new ArrayList<>();
		checkFile(unusable, "private-key-file", privateKeyFile);
		checkFile(unusable, "api-v3-key-file", apiV3KeyFile);
		checkFile(unusable, "api-v2-key-file", apiV2KeyFile);
		checkFile(unusable, "platform-public-key-file", platformPublicKeyFile);
		if (previous != null) {
			checkFile(unusable, "previous.api-v3-key-file", previous.apiV3KeyFile());
			checkFile(unusable, "previous.platform-public-key-file", previous.platformPublicKeyFile());
		}
		if (!unusable.isEmpty()) {
			throw new MerchantKeyFileMissing(mchid, unusable);
		}
	}

	/** A merchant without further app ids and without keys being rotated out. */
	public MerchantProperties(String mchid, String appid, String merchantSerialNumber, String privateKey,
			Path privateKeyFile, String apiV3Key, Path apiV3KeyFile, String apiV2Key, Path apiV2KeyFile,
			Verification verification, String platformPublicKey, Path platformPublicKeyFile, String platformPublicKeyId,
			String notifyUrl) {
		this(mchid, appid, merchantSerialNumber, privateKey, privateKeyFile, apiV3Key, apiV3KeyFile, apiV2Key,
				apiV2KeyFile, verification, platformPublicKey, platformPublicKeyFile, platformPublicKeyId, notifyUrl,
				List.of(), null);
	}

	/** The same merchant with other keys being rotated out ({@code null}: none). */
	public MerchantProperties withPrevious(PreviousKeys keys) {
		return new MerchantProperties(this.mchid, this.appid, this.merchantSerialNumber, this.privateKey,
				this.privateKeyFile, this.apiV3Key, this.apiV3KeyFile, this.apiV2Key, this.apiV2KeyFile,
				this.verification, this.platformPublicKey, this.platformPublicKeyFile, this.platformPublicKeyId,
				this.notifyUrl, this.appids, keys);
	}

	/**
	 * Every app id bound to the merchant: {@code appid} first, then {@code appids}.
	 */
	public List<String> boundAppids() {
		List<String> all = new ArrayList<>();
		if (!isBlank(this.appid)) {
			all.add(this.appid);
		}
		for (String other : this.appids) {
			if (!isBlank(other) && !all.contains(other)) {
				all.add(other);
			}
		}
		return all;
	}

	/**
	 * The previous APIv3 key, from the value or the file; {@code null} when none is being
	 * rotated out.
	 */
	public String previousApiV3KeyValue() {
		if (this.previous == null || (isBlank(this.previous.apiV3Key()) && this.previous.apiV3KeyFile() == null)) {
			return null;
		}
		return secret("previous.api-v3-key", this.previous.apiV3Key(), this.previous.apiV3KeyFile());
	}

	/**
	 * Whether WeChat Pay's previous public key is configured (with its id), to be
	 * accepted next to the current one.
	 */
	public boolean hasPreviousPlatformPublicKey() {
		return this.previous != null && !isBlank(this.previous.platformPublicKeyId())
				&& (!isBlank(this.previous.platformPublicKey()) || this.previous.platformPublicKeyFile() != null);
	}

	/** WeChat Pay's previous public key PEM, from the value or the file. */
	public String previousPlatformPublicKeyPem() {
		return secret("previous.platform-public-key",
				(this.previous != null) ? this.previous.platformPublicKey() : null,
				(this.previous != null) ? this.previous.platformPublicKeyFile() : null);
	}

	/** The id of WeChat Pay's previous public key, or {@code null}. */
	public String previousPlatformPublicKeyId() {
		return hasPreviousPlatformPublicKey() ? this.previous.platformPublicKeyId() : null;
	}

	/** Whether WeChat Pay's current public key (and its id) is configured. */
	public boolean hasPlatformPublicKey() {
		return !isBlank(this.platformPublicKeyId)
				&& (!isBlank(this.platformPublicKey) || this.platformPublicKeyFile != null);
	}

	/**
	 * Notes a configured key file that this process cannot read, so that a service
	 * refuses to start naming it rather than failing at the first payment.
	 */
	private static void checkFile(List<String> unusable, String name, Path file) {
		if (file == null) {
			return;
		}
		if (!Files.isRegularFile(file)) {
			unusable.add(name + " " + file + " does not exist");
		}
		else if (!Files.isReadable(file)) {
			unusable.add(name + " " + file + " is not readable by this process");
		}
	}

	/** The merchant's private key PEM, from the value or the file. */
	public String privateKeyPem() {
		return secret("private-key", this.privateKey, this.privateKeyFile);
	}

	/** The APIv3 key, from the value or the file. */
	public String apiV3KeyValue() {
		return secret("api-v3-key", this.apiV3Key, this.apiV3KeyFile);
	}

	/**
	 * The API v2 key, from the value or the file; {@code null} when the merchant has
	 * none.
	 */
	public String apiV2KeyValue() {
		if (isBlank(this.apiV2Key) && this.apiV2KeyFile == null) {
			return null;
		}
		return secret("api-v2-key", this.apiV2Key, this.apiV2KeyFile);
	}

	/** WeChat Pay's public key PEM, from the value or the file. */
	public String platformPublicKeyPem() {
		return secret("platform-public-key", this.platformPublicKey, this.platformPublicKeyFile);
	}

	private String secret(String name, String value, Path file) {
		if (!isBlank(value)) {
			return value.trim();
		}
		if (file != null) {
			try {
				return Files.readString(file, StandardCharsets.UTF_8).trim();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read " + name + " of merchant " + this.mchid + " from " + file,
						ex);
			}
		}
		throw new IllegalStateException("Merchant " + this.mchid + " has no " + name + " (set it or " + name
				+ "-file, for example from an environment variable)");
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	/**
	 * Keys on their way out during a rotation (see the README, "Rotating keys"): while
	 * they are set, a callback encrypted with the previous APIv3 key still decrypts, and
	 * a signature under the previous WeChat Pay public key id still verifies. Remove them
	 * to retire the old keys.
	 *
	 * @param apiV3Key the previous APIv3 key
	 * @param apiV3KeyFile a file holding it
	 * @param platformPublicKey WeChat Pay's previous public key (SPKI PEM)
	 * @param platformPublicKeyFile a file holding it
	 * @param platformPublicKeyId its id ({@code PUB_KEY_ID_...})
	 */
	public record PreviousKeys(String apiV3Key, Path apiV3KeyFile, String platformPublicKey, Path platformPublicKeyFile,
			String platformPublicKeyId) {

	}

	/** How WeChat Pay's signatures are verified. */
	public enum Verification {

		/** With WeChat Pay's public key and its id (the current way). */
		PUBLIC_KEY,

		/**
		 * With platform certificates downloaded from {@code /v3/certificates}; if a
		 * WeChat Pay public key and its id are configured as well, signatures under
		 * either are accepted ({@code Wechatpay-Serial} says which): the migration from
		 * certificates to the public key.
		 */
		PLATFORM_CERTIFICATE

	}

}
