package io.paytally.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.ServiceException;
import io.paytally.batch.bill.BillDownloads;
import io.paytally.batch.repair.RefundLookup;
import io.paytally.wechat.WechatPayDirectory;
import io.paytally.wechat.WechatPayProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The job's calls to WeChat read for two timeouts: the bill's request and download for
 * {@code paytally.batch.wechat.bill-read-timeout} (60 s, or
 * {@code PAYTALLY_WECHAT_READ_TIMEOUT}), every other call for
 * {@code paytally.batch.wechat.query-read-timeout} (5 s), whatever
 * {@code paytally.wechat.read-timeout} says.
 */
class WechatReadTimeoutsTest {

	private static final String MCHID = "1900000041";

	private static final Map<String, Object> MERCHANT = merchant();

	@Test
	void theBillReadsSixtySecondsAndEveryOtherCallFiveByDefault() throws IOException {
		Settings settings = settings(Map.of(), Map.of());

		assertThat(settings.batch().wechat().billReadTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(settings.batch().wechat().queryReadTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.directory().get(MCHID).okHttpClient().readTimeoutMillis()).isEqualTo(5_000);
	}

	@Test
	void theReadTimeoutEnvironmentVariableSetsTheBillTimeoutAndNotTheQueries() throws IOException {
		// Spring binds PAYTALLY_WECHAT_READ_TIMEOUT to paytally.wechat.read-timeout as
		// well:
		// the job does not use that one
		Settings settings = settings(Map.of("PAYTALLY_WECHAT_READ_TIMEOUT", "90s"), Map.of());

		assertThat(settings.batch().wechat().billReadTimeout()).isEqualTo(Duration.ofSeconds(90));
		assertThat(settings.wechat().readTimeout()).isEqualTo(Duration.ofSeconds(90));
		assertThat(settings.directory().get(MCHID).okHttpClient().readTimeoutMillis()).isEqualTo(5_000);
	}

	@Test
	void eachTimeoutHasASettingOfItsOwn() throws IOException {
		Settings settings = settings(Map.of("PAYTALLY_BATCH_WECHAT_QUERY_READ_TIMEOUT", "3s"),
				Map.of("paytally.batch.wechat.bill-read-timeout", "2m"));

		assertThat(settings.batch().wechat().billReadTimeout()).isEqualTo(Duration.ofMinutes(2));
		assertThat(settings.directory().get(MCHID).okHttpClient().readTimeoutMillis()).isEqualTo(3_000);
	}

	@Test
	void aRefundQueryGivesUpAfterTheQueryTimeoutWhileTheBillWaitsForItsOwn() throws IOException {
		ExecutorService threads = Executors.newFixedThreadPool(4);
		HttpServer slowWechat = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		// WeChat answering every call after a second
		slowWechat.createContext("/", (exchange) -> {
			try {
				Thread.sleep(1_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			byte[] body = "{\"code\":\"RESOURCE_NOT_EXISTS\",\"message\":\"not found\"}"
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(404, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		slowWechat.setExecutor(threads);
		slowWechat.start();
		try {
			String baseUrl = "http://127.0.0.1:" + slowWechat.getAddress().getPort();
			Settings settings = settings(Map.of(),
					Map.of("paytally.wechat.base-url", baseUrl, "paytally.batch.wechat.query-read-timeout", "300ms",
							"paytally.batch.wechat.bill-read-timeout", "5s"));
			DailyStatementJobConfiguration configuration = new DailyStatementJobConfiguration();
			RefundLookup refunds = configuration.wechatRefundLookup(settings.directory());
			BillDownloads bills = configuration.wechatBillDownloads(settings.directory(), settings.batch());

			// a timeout although WeChat answers: the query read for less than a second
			assertThatExceptionOfType(HttpException.class)
				.isThrownBy(() -> refunds.find(MCHID, "RF-SLOW-1", Instant.EPOCH))
				.withCauseInstanceOf(SocketTimeoutException.class);
			long started = System.nanoTime();
			assertThatExceptionOfType(ServiceException.class)
				.isThrownBy(() -> bills.tradeBill(MCHID, LocalDate.of(2026, 12, 1)))
				.satisfies((ex) -> assertThat(ex.getHttpStatusCode()).isEqualTo(404));
			Duration bill = Duration.ofNanos(System.nanoTime() - started);

			assertThat(bill).isGreaterThanOrEqualTo(Duration.ofMillis(1_000));
		}
		finally {
			slowWechat.stop(0);
			threads.shutdownNow();
		}
	}

	/**
	 * batch-jobs.yml under an environment and over properties, bound, with the job's
	 * directory of SDK clients for one merchant in public-key mode.
	 */
	private static Settings settings(Map<String, Object> environment, Map<String, Object> properties)
			throws IOException {
		StandardEnvironment spring = new StandardEnvironment();
		spring.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
		Map<String, Object> merchant = new HashMap<>(MERCHANT);
		merchant.putAll(properties);
		spring.getPropertySources().addFirst(new MapPropertySource("test", merchant));
		for (PropertySource<?> yaml : new YamlPropertySourceLoader().load("batch-jobs.yml",
				new ClassPathResource("batch-jobs.yml"))) {
			spring.getPropertySources().addLast(yaml);
		}
		Binder binder = Binder.get(spring);
		DailyStatementProperties batch = binder.bindOrCreate("paytally.batch", DailyStatementProperties.class);
		WechatPayProperties wechat = binder.bindOrCreate("paytally.wechat", WechatPayProperties.class);
		return new Settings(batch, wechat, new DailyStatementJobConfiguration().wechatPayDirectory(wechat, batch));
	}

	/** A merchant in public-key mode, with keys made for the test. */
	private static Map<String, Object> merchant() {
		String prefix = "paytally.wechat.merchants[0].";
		return Map.of(prefix + "mchid", MCHID, prefix + "appid", "wx0000000000demo41",
				prefix + "merchant-serial-number", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1", prefix + "private-key",
				pem("PRIVATE KEY", rsa().getPrivate().getEncoded()), prefix + "api-v3-key",
				"0123456789abcdef".repeat(2), prefix + "platform-public-key",
				pem("PUBLIC KEY", rsa().getPublic().getEncoded()), prefix + "platform-public-key-id",
				"PUB_KEY_ID_0119000000412026120200000000000001");
	}

	private static KeyPair rsa() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	private record Settings(DailyStatementProperties batch, WechatPayProperties wechat, WechatPayDirectory directory) {
	}

}
