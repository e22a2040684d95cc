package io.paytally.sandbox;

import io.paytally.sandbox.keys.MerchantRegistry;
import io.paytally.sandbox.keys.PlatformKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.core.env.Environment;

/**
 * Starts the WeChat Pay sandbox standalone ({@code sandbox.yml}, port 8090 by default).
 * Only the web server auto-configuration is imported, so the sandbox runs inside any
 * classpath.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class,
		DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class })
@ComponentScan(basePackageClasses = SandboxApplication.class)
@EnableConfigurationProperties(SandboxProperties.class)
public class SandboxApplication {

	private static final Logger log = LoggerFactory.getLogger(SandboxApplication.class);

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(SandboxApplication.class);
		application.setDefaultProperties(java.util.Map.of("spring.config.name", "sandbox"));
		application.run(args);
	}

	@Bean
	ApplicationRunner announceKeys(Environment environment, PlatformKeys platform, MerchantRegistry merchants) {
		return (args) -> {
			String base = "http://127.0.0.1:" + environment.getProperty("local.server.port");
			log.info("WeChat Pay sandbox at {} (platform public key id {})", base, platform.publicKeyId());
			log.info("Platform public key: GET {}/sandbox/platform-key", base);
			merchants.all()
				.forEach((m) -> log.info("Merchant {} (appid {}): credentials at GET {}/sandbox/merchants/{}",
						m.mchid(), m.appid(), base, m.mchid()));
		};
	}

}
