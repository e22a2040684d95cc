package io.paytally.sandbox;

import java.time.Clock;

import io.paytally.sandbox.bill.BillService;
import io.paytally.sandbox.callback.CallbackDispatcher;
import io.paytally.sandbox.keys.MerchantKeys;
import io.paytally.sandbox.keys.MerchantRegistry;
import io.paytally.sandbox.keys.PlatformKeys;
import io.paytally.sandbox.ledger.Ledger;
import io.paytally.sandbox.merchantapi.RequestAuthenticator;
import io.paytally.sandbox.merchantapi.SignedReplies;
import io.paytally.sandbox.payer.Payer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the sandbox from its options: given by {@link Sandbox#start} or bound from
 * {@code sandbox.*} properties.
 */
@Configuration(proxyBeanMethods = false)
class SandboxConfiguration {

	@Bean
	SandboxOptions sandboxOptions(ObjectProvider<Sandbox.Embedded> embedded, SandboxProperties properties,
			Environment environment) {
		Sandbox.Embedded given = embedded.getIfAvailable();
		return (given != null) ? given.options()
				: properties.toOptions(environment.getProperty("server.port", Integer.class, 8090));
	}

	@Bean
	PlatformKeys platformKeys(SandboxOptions options) {
		return (options.platformPrivateKeyPem() != null)
				? PlatformKeys.load(options.platformPrivateKeyPem(), options.platformPublicKeyId())
				: PlatformKeys.generate();
	}

	@Bean
	MerchantRegistry merchantRegistry(SandboxOptions options) {
		MerchantRegistry registry = new MerchantRegistry();
		options.merchants()
			.parallelStream()
			.map((m) -> MerchantKeys.configured(m.mchid(), m.appid(), m.serialNumber(), m.privateKeyPem(),
					m.publicKeyPem(), m.apiV3Key(), m.apiV2Key()))
			.forEach(registry::add);
		return registry;
	}

	@Bean
	Ledger ledger(SandboxOptions options) {
		return new Ledger(options.clock());
	}

	@Bean(destroyMethod = "close")
	CallbackDispatcher callbackDispatcher(PlatformKeys platform, SandboxOptions options, Ledger ledger) {
		return new CallbackDispatcher(platform, signingClock(options), ledger, options.timeScale());
	}

	@Bean
	Payer payer(Ledger ledger, MerchantRegistry merchants, CallbackDispatcher callbacks) {
		return new Payer(ledger, merchants, callbacks);
	}

	@Bean
	RequestAuthenticator requestAuthenticator(MerchantRegistry merchants, SandboxOptions options) {
		return new RequestAuthenticator(merchants, signingClock(options));
	}

	@Bean
	SignedReplies signedReplies(PlatformKeys platform, SandboxOptions options) {
		return new SignedReplies(platform, signingClock(options));
	}

	@Bean
	BillService billService(Ledger ledger, SandboxOptions options) {
		return new BillService(ledger, options.feeRate(), options.billReadyHour(), signingClock(options));
	}

	private static Clock signingClock(SandboxOptions options) {
		return (options.signingClock() != null) ? options.signingClock() : Clock.systemUTC();
	}

}
