package io.paytally.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of a standalone sandbox ({@code sandbox.*} in {@code sandbox.yml}).
 *
 * @param merchants the merchants served; keys left blank are generated at start
 * @param timeScale multiplies WeChat's callback retry delays
 * @param billReadyHour hour (Beijing) from which yesterday's bill can be downloaded
 * @param feeRate fee rate, 0.006 = 0.60%
 * @param persistFile JSON file keeping the ledger across restarts (none = memory only)
 * @param persistInterval how often a changed ledger is saved
 * @param platformPrivateKeyFile PKCS#8 PEM of the platform key (none = generated)
 * @param platformPublicKeyId its public-key id (none = generated)
 */
@ConfigurationProperties("sandbox")
public record SandboxProperties(@DefaultValue List<MerchantProperties> merchants, @DefaultValue("1.0") double timeScale,
		@DefaultValue("9") int billReadyHour, @DefaultValue("0.006") BigDecimal feeRate, Path persistFile,
		@DefaultValue("1s") Duration persistInterval, Path platformPrivateKeyFile, String platformPublicKeyId) {

	SandboxOptions toOptions(int port) {
		List<SandboxOptions.Merchant> all = this.merchants.stream()
			.map((m) -> new SandboxOptions.Merchant(m.mchid(), m.appid(), m.serialNumber(), read(m.privateKeyFile()),
					read(m.publicKeyFile()), m.apiV3Key(), m.apiV2Key()))
			.toList();
		return SandboxOptions.builder()
			.port(port)
			.merchants(all.isEmpty() ? SandboxOptions.defaults().merchants() : all)
			.timeScale(this.timeScale)
			.clock(Clock.systemUTC())
			.billReadyHour(this.billReadyHour)
			.feeRate(this.feeRate)
			.persistFile(this.persistFile)
			.persistInterval(this.persistInterval)
			.platformKey(read(this.platformPrivateKeyFile), this.platformPublicKeyId)
			.build();
	}

	private static String read(Path file) {
		try {
			return (file != null) ? Files.readString(file) : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A configured merchant.
	 *
	 * @param privateKeyFile PKCS#8 PEM (optional)
	 * @param publicKeyFile SPKI PEM (optional; when only it is given the sandbox cannot
	 * hand out a private key)
	 */
	public record MerchantProperties(String mchid, String appid, String serialNumber, Path privateKeyFile,
			Path publicKeyFile, String apiV3Key, String apiV2Key) {

	}

}
