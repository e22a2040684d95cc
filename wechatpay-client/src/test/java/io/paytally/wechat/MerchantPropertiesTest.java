package io.paytally.wechat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A merchant configured from key files, as docker compose configures a real merchant:
 * bound as the services bind it at start.
 */
class MerchantPropertiesTest {

	@Test
	void refusesToBindNamingEveryMissingKeyFile(@TempDir Path keys) throws Exception {
		Files.writeString(keys.resolve("apiclient_key.pem"), "-----BEGIN PRIVATE KEY-----\n");
		Map<String, String> settings = realMerchant(keys);
		settings.put("paytally.wechat.merchants[0].api-v2-key-file", keys.resolve("api_v2_key").toString());

		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(settings))
			.havingRootCause()
			.isInstanceOf(MerchantKeyFileMissing.class)
			.withMessage("Merchant 1900000001 cannot be served: its api-v3-key-file " + keys.resolve("api_v3_key")
					+ " does not exist; its api-v2-key-file " + keys.resolve("api_v2_key")
					+ " does not exist; its platform-public-key-file " + keys.resolve("pub_key.pem")
					+ " does not exist. Put the merchant's own files there (see the README, \"Configuring real"
					+ " merchants\") or correct the paytally.wechat.merchants settings");
	}

	@Test
	void bindsAMerchantWithoutAnApiV2Key(@TempDir Path keys) throws Exception {
		Files.writeString(keys.resolve("apiclient_key.pem"), "-----BEGIN PRIVATE KEY-----\nMII\n");
		Files.writeString(keys.resolve("api_v3_key"), "Merchant0wnApiV3Key0123456789abc\n");
		Files.writeString(keys.resolve("pub_key.pem"), "-----BEGIN PUBLIC KEY-----\nMII\n");

		MerchantProperties merchant = bind(realMerchant(keys)).merchants().get(0);

		assertThat(merchant.apiV2KeyValue()).isNull();
		assertThat(merchant.apiV3KeyValue()).isEqualTo("Merchant0wnApiV3Key0123456789abc");
		assertThat(merchant.privateKeyPem()).isEqualTo("-----BEGIN PRIVATE KEY-----\nMII");
	}

	@Test
	void bindsKeysBeingRotatedOutAndFurtherAppids(@TempDir Path keys) throws Exception {
		Files.writeString(keys.resolve("apiclient_key.pem"), "-----BEGIN PRIVATE KEY-----\nMII\n");
		Files.writeString(keys.resolve("api_v3_key"), "Merchant0wnApiV3Key0123456789abc\n");
		Files.writeString(keys.resolve("pub_key.pem"), "-----BEGIN PUBLIC KEY-----\nNEW\n");
		Files.writeString(keys.resolve("old_api_v3_key"), "OldMerchantApiV3Key0123456789abc\n");
		Files.writeString(keys.resolve("old_pub_key.pem"), "-----BEGIN PUBLIC KEY-----\nOLD\n");
		Map<String, String> settings = realMerchant(keys);
		settings.put("paytally.wechat.merchants[0].appid", "wx0000000000demo01");
		settings.put("paytally.wechat.merchants[0].appids[0]", "wx0000000000demo02");
		settings.put("paytally.wechat.merchants[0].previous.api-v3-key-file",
				keys.resolve("old_api_v3_key").toString());
		settings.put("paytally.wechat.merchants[0].previous.platform-public-key-file",
				keys.resolve("old_pub_key.pem").toString());
		settings.put("paytally.wechat.merchants[0].previous.platform-public-key-id",
				"PUB_KEY_ID_0114231234562024010100000000");

		MerchantProperties merchant = bind(settings).merchants().get(0);

		assertThat(merchant.boundAppids()).containsExactly("wx0000000000demo01", "wx0000000000demo02");
		assertThat(merchant.previousApiV3KeyValue()).isEqualTo("OldMerchantApiV3Key0123456789abc");
		assertThat(merchant.hasPreviousPlatformPublicKey()).isTrue();
		assertThat(merchant.previousPlatformPublicKeyPem()).isEqualTo("-----BEGIN PUBLIC KEY-----\nOLD");
		assertThat(merchant.previousPlatformPublicKeyId()).isEqualTo("PUB_KEY_ID_0114231234562024010100000000");
		assertThat(merchant.platformPublicKeyPem()).isEqualTo("-----BEGIN PUBLIC KEY-----\nNEW");
	}

	@Test
	void refusesToBindAMissingPreviousKeyFile(@TempDir Path keys) throws Exception {
		Map<String, String> settings = realMerchant(keys);
		Files.writeString(keys.resolve("apiclient_key.pem"), "-----BEGIN PRIVATE KEY-----\n");
		Files.writeString(keys.resolve("api_v3_key"), "Merchant0wnApiV3Key0123456789abc\n");
		Files.writeString(keys.resolve("pub_key.pem"), "-----BEGIN PUBLIC KEY-----\nNEW\n");
		settings.put("paytally.wechat.merchants[0].previous.api-v3-key-file",
				keys.resolve("old_api_v3_key").toString());

		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(settings))
			.havingRootCause()
			.isInstanceOf(MerchantKeyFileMissing.class)
			.satisfies((missing) -> assertThat(((MerchantKeyFileMissing) missing).files())
				.containsExactly("previous.api-v3-key-file " + keys.resolve("old_api_v3_key") + " does not exist"));
	}

	private static Map<String, String> realMerchant(Path keys) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("paytally.wechat.merchants[0].mchid", "1900000001");
		settings.put("paytally.wechat.merchants[0].merchant-serial-number", "3775B6A45ACD588826D15E583A95F5DD7C5E5A12");
		settings.put("paytally.wechat.merchants[0].private-key-file", keys.resolve("apiclient_key.pem").toString());
		settings.put("paytally.wechat.merchants[0].api-v3-key-file", keys.resolve("api_v3_key").toString());
		settings.put("paytally.wechat.merchants[0].platform-public-key-file", keys.resolve("pub_key.pem").toString());
		settings.put("paytally.wechat.merchants[0].platform-public-key-id", "PUB_KEY_ID_0114231234562025010100000000");
		return settings;
	}

	private static WechatPayProperties bind(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("paytally.wechat",
				WechatPayProperties.class);
	}

}
