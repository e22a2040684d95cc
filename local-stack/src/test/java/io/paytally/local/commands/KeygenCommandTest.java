package io.paytally.local.commands;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import io.paytally.local.keys.KeyDirectoryNotEmpty;
import io.paytally.local.keys.KeyFiles;
import io.paytally.local.keys.KeyFilesDisagree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code paytally keygen} writes a trial's keys only into an empty directory and never
 * touches a real merchant's files.
 */
class KeygenCommandTest {

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	@Test
	void leavesARealMerchantsDownloadedFilesUntouchedByteForByte(@TempDir Path keys) throws Exception {
		// as WeChat Pay's merchant platform hands them out: the merchant's key and
		// certificate, the WeChat Pay public key, and the APIv3 key the merchant set
		Files.writeString(keys.resolve("apiclient_key.pem"), pem("PRIVATE KEY"));
		Files.writeString(keys.resolve("apiclient_cert.pem"),
				"-----BEGIN CERTIFICATE-----\nMIID\n-----END CERTIFICATE-----\n");
		Files.writeString(keys.resolve("pub_key.pem"), pem("PUBLIC KEY"));
		Files.writeString(keys.resolve("api_v3_key"), "Merchant0wnApiV3Key0123456789abc\n");
		assertUntouchedByKeygen(keys);
	}

	@Test
	void leavesARealMerchantsFilesUnderTheTrialNamesUntouchedByteForByte(@TempDir Path keys) throws Exception {
		// the trial's names, but no platform private key: a real merchant never has one
		Files.writeString(keys.resolve(KeyFiles.MERCHANT_PRIVATE_KEY), pem("PRIVATE KEY"));
		Files.writeString(keys.resolve(KeyFiles.API_V3_KEY), "Merchant0wnApiV3Key0123456789abc\n");
		Files.writeString(keys.resolve(KeyFiles.PLATFORM_PUBLIC_KEY), pem("PUBLIC KEY"));
		Files.writeString(keys.resolve(KeyFiles.PLATFORM_PUBLIC_KEY_ID), "PUB_KEY_ID_0114231234562025010100000000\n");
		assertUntouchedByKeygen(keys);
	}

	@Test
	void writesATrialSetIntoAnEmptyDirectory(@TempDir Path dir) {
		Path keys = dir.resolve("keys");
		assertThat(keygen(keys, "1900000007", "PUB_KEY_ID_0100000000000000000000000007")).isZero();
		KeyFiles files = new KeyFiles(keys);
		assertThat(files.entries()).containsExactlyInAnyOrderElementsOf(KeyFiles.NAMES);
		assertThat(files.read(KeyFiles.MCHID)).isEqualTo("1900000007");
		assertThat(files.read(KeyFiles.PLATFORM_PUBLIC_KEY_ID)).isEqualTo("PUB_KEY_ID_0100000000000000000000000007");
		assertThat(this.output.toString(StandardCharsets.UTF_8))
			.contains("wrote the key files of merchant 1900000007 and of the platform to " + keys);
	}

	@Test
	void takesTheDefaultsForIdsGivenEmptyAsDockerComposeDoesForAnUnsetVariable(@TempDir Path dir) {
		Path keys = dir.resolve("keys");
		KeygenCommand keygen = new KeygenCommand(new PrintStream(this.output, true, StandardCharsets.UTF_8));
		new CommandLine(keygen).parseArgs("--out", keys.toString(), "--mchid", "", "--appid", " ", "--serial-number",
				"", "--platform-key-id", "");
		assertThat(keygen.call()).isZero();
		KeyFiles files = new KeyFiles(keys);
		assertThat(files.read(KeyFiles.MCHID)).isEqualTo("1900000001");
		assertThat(files.read(KeyFiles.APPID)).isEqualTo("wx0000000000demo01");
		assertThat(files.read(KeyFiles.PLATFORM_PUBLIC_KEY_ID)).isEqualTo("PUB_KEY_ID_0100000000000000000000000000");
		assertThat(files.read(KeyFiles.MERCHANT_SERIAL_NUMBER)).matches("[0-9A-F]{40}");
	}

	@Test
	void keepsATrialSetGeneratedForTheSameIds(@TempDir Path keys) throws IOException {
		keygen(keys, "1900000007", "PUB_KEY_ID_0100000000000000000000000007");
		Map<String, byte[]> before = contents(keys);
		assertThat(keygen(keys, "1900000007", "PUB_KEY_ID_0100000000000000000000000007")).isZero();
		assertThat(contents(keys)).containsOnlyKeys(before.keySet());
		before.forEach((name, bytes) -> assertThat(contents(keys).get(name)).as(name).isEqualTo(bytes));
		assertThat(this.output.toString(StandardCharsets.UTF_8))
			.contains("the trial key files of merchant 1900000007 exist in " + keys + " (kept)");
	}

	@Test
	void refusesATrialSetGeneratedForAnotherMerchantNamingBothIds(@TempDir Path keys) throws IOException {
		keygen(keys, "1900000007", "PUB_KEY_ID_0100000000000000000000000007");
		Map<String, byte[]> before = contents(keys);
		assertThatExceptionOfType(KeyFilesDisagree.class)
			.isThrownBy(() -> keygen(keys, "1900000008", "PUB_KEY_ID_0100000000000000000000000007"))
			.withMessageContaining("mchid is 1900000007 in " + keys + ", 1900000008 in the settings")
			.withMessageContaining("docker compose --env-file trial.env down -v");
		assertThat(contents(keys)).containsOnlyKeys(before.keySet());
		before.forEach((name, bytes) -> assertThat(contents(keys).get(name)).as(name).isEqualTo(bytes));
	}

	private void assertUntouchedByKeygen(Path keys) throws IOException {
		Files.setLastModifiedTime(keys.resolve("api_v3_key"), FileTime.fromMillis(1_700_000_000_000L));
		Map<String, byte[]> before = contents(keys);
		Map<String, FileTime> modifiedBefore = modified(keys);
		assertThatExceptionOfType(KeyDirectoryNotEmpty.class)
			.isThrownBy(() -> keygen(keys, "1900000001", "PUB_KEY_ID_0100000000000000000000000000"))
			.withMessageContaining(keys + " is not empty (")
			.withMessageContaining("nothing was written");
		assertThat(contents(keys)).containsOnlyKeys(before.keySet());
		before.forEach((name, bytes) -> assertThat(contents(keys).get(name)).as(name).isEqualTo(bytes));
		assertThat(modified(keys)).isEqualTo(modifiedBefore);
		assertThat(keys.resolve(KeyFiles.PLATFORM_PRIVATE_KEY)).doesNotExist();
	}

	private int keygen(Path keys, String mchid, String keyId) {
		KeygenCommand keygen = new KeygenCommand(new PrintStream(this.output, true, StandardCharsets.UTF_8));
		new CommandLine(keygen).parseArgs("--out", keys.toString(), "--mchid", mchid, "--appid", "wx0000000000demo01",
				"--serial-number", "3775B6A45ACD588826D15E583A95F5DD7C5E5A12", "--platform-key-id", keyId);
		return keygen.call();
	}

	private static Map<String, byte[]> contents(Path dir) {
		Map<String, byte[]> contents = new TreeMap<>();
		try (Stream<Path> files = Files.list(dir)) {
			for (Path file : files.toList()) {
				contents.put(file.getFileName().toString(), Files.readAllBytes(file));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return contents;
	}

	private static Map<String, FileTime> modified(Path dir) throws IOException {
		Map<String, FileTime> modified = new TreeMap<>();
		try (Stream<Path> files = Files.list(dir)) {
			for (Path file : files.toList()) {
				modified.put(file.getFileName().toString(), Files.getLastModifiedTime(file));
			}
		}
		return modified;
	}

	private static String pem(String type) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair pair = generator.generateKeyPair();
		byte[] der = type.startsWith("PRIVATE") ? pair.getPrivate().getEncoded() : pair.getPublic().getEncoded();
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

}
