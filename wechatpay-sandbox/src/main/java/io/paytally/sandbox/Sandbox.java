package io.paytally.sandbox;

import java.net.URI;

import io.paytally.sandbox.keys.MerchantRegistry;
import io.paytally.sandbox.keys.PlatformIdentity;
import io.paytally.sandbox.keys.PlatformKeys;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An embedded sandbox: its own Spring context and web server, for tests and the local
 * stack.
 *
 * <pre>
 * try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
 *     SandboxMerchant merchant = sandbox.merchant("1900000001");
 *     ...
 * }
 * </pre>
 */
public final class Sandbox implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final URI baseUrl;

	private final SandboxControl control;

	private Sandbox(ConfigurableApplicationContext context) {
		this.context = context;
		this.baseUrl = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
		this.control = new SandboxControl(this.baseUrl);
	}

	public static Sandbox start(SandboxOptions options) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SandboxApplication.class)
			.web(WebApplicationType.SERVLET)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.initializers((ctx) -> ctx.getBeanFactory().registerSingleton("embeddedSandbox", new Embedded(options)))
			.run("--server.port=" + options.port(), "--server.address=127.0.0.1",
					"--spring.config.name=sandbox-embedded");
		return new Sandbox(context);
	}

	/** {@code http://127.0.0.1:<port>} */
	public URI baseUrl() {
		return this.baseUrl;
	}

	/** The platform public key (SPKI PEM) for {@code RSAPublicKeyConfig}. */
	public String platformPublicKeyPem() {
		return this.context.getBean(PlatformKeys.class).publicKeyPem();
	}

	/** {@code PUB_KEY_ID_...} */
	public String platformPublicKeyId() {
		return this.context.getBean(PlatformKeys.class).publicKeyId();
	}

	/**
	 * The serial WeChat Pay signs a merchant's callbacks under now: the platform
	 * certificate's once the merchant's requests name it in {@code Wechatpay-Serial}
	 * (certificate mode), else the public key id.
	 */
	public String callbackSerial(String mchid) {
		return this.context.getBean(PlatformIdentity.class).callbackSerial(mchid);
	}

	/**
	 * The serial of the platform certificate that signs now (the newest one served at
	 * {@code /v3/certificates}).
	 */
	public String platformCertificateSerial() {
		return this.context.getBean(PlatformIdentity.class).certificate().serialHex();
	}

	public SandboxMerchant merchant(String mchid) {
		return this.context.getBean(MerchantRegistry.class)
			.find(mchid)
			.map((m) -> new SandboxMerchant(m.mchid(), m.appid(), m.serialNumber(), m.privateKeyPem(), m.apiV3Key(),
					m.apiV2Key()))
			.orElseThrow(() -> new IllegalArgumentException("no merchant " + mchid + " in this sandbox"));
	}

	public SandboxControl control() {
		return this.control;
	}

	@Override
	public void close() {
		this.context.close();
	}

	/** The options of an embedded sandbox, handed to its context. */
	record Embedded(SandboxOptions options) {

	}

}
