package io.paytally.sandbox;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a sandbox starts.
 *
 * @param port 0 = a random free port
 * @param merchants the merchants served from the start (more can be added at runtime)
 * @param timeScale multiplies WeChat's callback retry delays (1.0 = real; 0.001 = 24 h in
 * ~86 s)
 * @param clock business time: success_time, bill dates, create_time
 * @param billReadyHour hour of day (Beijing) before which yesterday's bill is
 * STATEMENT_CREATING
 * @param signingClock the wall clock that stamps reply and callback signatures (the SDK
 * rejects stamps more than 5 minutes off)
 * @param feeRate WeChat's fee rate, e.g. 0.006 for 0.60%
 * @param persistFile a JSON file that keeps the ledger across restarts; null = memory
 * only
 * @param persistInterval how often a changed ledger is written to {@code persistFile}
 * @param platformPrivateKeyPem the platform key to use; null = generate one
 * @param platformPublicKeyId the platform public-key id; null = generate one
 */
public record SandboxOptions(int port, List<Merchant> merchants, double timeScale, Clock clock, int billReadyHour,
		Clock signingClock, BigDecimal feeRate, Path persistFile, Duration persistInterval,
		String platformPrivateKeyPem, String platformPublicKeyId) {

	public SandboxOptions {
		merchants = List.copyOf(merchants);
	}

	/** One demo merchant (1900000001 / wx0000000000demo01), random port, real time. */
	public static SandboxOptions defaults() {
		return builder().build();
	}

	public static Builder builder() {
		return new Builder();
	}

	public SandboxOptions withPort(int port) {
		return toBuilder().port(port).build();
	}

	public SandboxOptions withMerchants(List<Merchant> merchants) {
		return toBuilder().merchants(merchants).build();
	}

	public SandboxOptions withTimeScale(double timeScale) {
		return toBuilder().timeScale(timeScale).build();
	}

	public SandboxOptions withClock(Clock clock) {
		return toBuilder().clock(clock).build();
	}

	public SandboxOptions withBillReadyHour(int hour) {
		return toBuilder().billReadyHour(hour).build();
	}

	public SandboxOptions withPersistFile(Path file) {
		return toBuilder().persistFile(file).build();
	}

	public Builder toBuilder() {
		Builder builder = new Builder().port(this.port)
			.merchants(this.merchants)
			.timeScale(this.timeScale)
			.clock(this.clock)
			.billReadyHour(this.billReadyHour)
			.signingClock(this.signingClock)
			.feeRate(this.feeRate)
			.persistFile(this.persistFile)
			.persistInterval(this.persistInterval);
		builder.platformPrivateKeyPem = this.platformPrivateKeyPem;
		builder.platformPublicKeyId = this.platformPublicKeyId;
		return builder;
	}

	/**
	 * A merchant the sandbox serves. Blank keys are generated at start.
	 */
	public record Merchant(String mchid, String appid, String serialNumber, String privateKeyPem, String publicKeyPem,
			String apiV3Key, String apiV2Key) {

		public Merchant(String mchid, String appid) {
			this(mchid, appid, null, null, null, null, null);
		}

	}

	/**
	 * Builds options; everything has a default.
	 */
	public static final class Builder {

		private int port;

		private List<Merchant> merchants;

		private double timeScale = 1.0;

		private Clock clock = Clock.systemUTC();

		private int billReadyHour = 9;

		private Clock signingClock = Clock.systemUTC();

		private BigDecimal feeRate = new BigDecimal("0.006");

		private Path persistFile;

		private Duration persistInterval = Duration.ofSeconds(1);

		private String platformPrivateKeyPem;

		private String platformPublicKeyId;

		private Builder() {
		}

		public Builder port(int port) {
			this.port = port;
			return this;
		}

		public Builder merchants(List<Merchant> merchants) {
			this.merchants = new ArrayList<>(merchants);
			return this;
		}

		public Builder merchant(String mchid, String appid) {
			if (this.merchants == null) {
				this.merchants = new ArrayList<>();
			}
			this.merchants.add(new Merchant(mchid, appid));
			return this;
		}

		public Builder timeScale(double timeScale) {
			this.timeScale = timeScale;
			return this;
		}

		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		public Builder billReadyHour(int billReadyHour) {
			this.billReadyHour = billReadyHour;
			return this;
		}

		public Builder signingClock(Clock signingClock) {
			this.signingClock = signingClock;
			return this;
		}

		public Builder feeRate(BigDecimal feeRate) {
			this.feeRate = feeRate;
			return this;
		}

		public Builder persistFile(Path persistFile) {
			this.persistFile = persistFile;
			return this;
		}

		public Builder persistInterval(Duration persistInterval) {
			this.persistInterval = persistInterval;
			return this;
		}

		public Builder platformKey(String privateKeyPem, String publicKeyId) {
			this.platformPrivateKeyPem = privateKeyPem;
			this.platformPublicKeyId = publicKeyId;
			return this;
		}

		public SandboxOptions build() {
			List<Merchant> all = (this.merchants != null) ? this.merchants
					: List.of(new Merchant("1900000001", "wx0000000000demo01"));
			return new SandboxOptions(this.port, all, this.timeScale, this.clock, this.billReadyHour, this.signingClock,
					this.feeRate, this.persistFile, this.persistInterval, this.platformPrivateKeyPem,
					this.platformPublicKeyId);
		}

	}

}
