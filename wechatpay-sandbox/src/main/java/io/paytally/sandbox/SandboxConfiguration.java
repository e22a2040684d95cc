package io.paytally.sandbox;

import java.time.Clock;

import io.paytally.sandbox.bill.BillService;
import io.paytally.sandbox.callback.CallbackDispatcher;
import io.paytally.sandbox.crypto.PlatformCertificate;
import io.paytally.sandbox.keys.MerchantRegistry;
import io.paytally.sandbox.keys.PlatformIdentity;
import io.paytally.sandbox.keys.PlatformKeys;
import io.paytally.sandbox.ledger.Ledger;
import io.paytally.sandbox.merchantapi.ApiOutages;
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
	Persisted persisted(SandboxOptions options) {
		return new Persisted(SandboxStore.load(options.persistFile()));
	}

	@Bean
	PlatformKeys platformKeys(SandboxOptions options, Persisted persisted) {
		if (options.platformPrivateKeyPem() != null) {
			return PlatformKeys.load(options.platformPrivateKeyPem(), options.platformPublicKeyId());
		}
		if (persisted.snapshot() != null && persisted.snapshot().platformKeyPrimes() != null) {
			return PlatformKeys.fromPrimes(persisted.snapshot().platformKeyPrimes(),
					persisted.snapshot().platformPublicKeyId());
		}
		if (persisted.snapshot() != null) {
			return PlatformKeys.load(persisted.snapshot().platformPrivateKeyPem(),
					persisted.snapshot().platformPublicKeyId());
		}
		return PlatformKeys.generate();
	}

	@Bean
	MerchantRegistry merchantRegistry(SandboxOptions options, Persisted persisted) {
		MerchantRegistry registry = new MerchantRegistry();
		options.merchants()
			.parallelStream()
			.map((m) -> SandboxStore.merchant(m, persisted.snapshot()))
			.toList()
			.forEach(registry::add);
		if (persisted.snapshot() != null) {
			for (SandboxOptions.Merchant saved : persisted.snapshot().merchants()) {
				if (registry.find(saved.mchid()).isEmpty()) {
					registry.add(SandboxStore.merchant(saved, persisted.snapshot()));
				}
			}
		}
		return registry;
	}

	@Bean
	Ledger ledger(SandboxOptions options, Persisted persisted) {
		Ledger ledger = new Ledger(options.clock());
		if (persisted.snapshot() != null) {
			ledger.restore(persisted.snapshot().orders());
		}
		return ledger;
	}

	@Bean(destroyMethod = "close")
	@org.springframework.context.annotation.Lazy(false)
	Object sandboxStore(SandboxOptions options, PlatformKeys platform, MerchantRegistry merchants, Ledger ledger) {
		if (options.persistFile() == null) {
			return (AutoCloseable) () -> {
			};
		}
		return new SandboxStore(options.persistFile(), options.persistInterval(), platform, merchants, ledger);
	}

	@Bean
	PlatformIdentity platformIdentity(PlatformKeys keys, SandboxOptions options) {
		return new PlatformIdentity(keys, signingClock(options));
	}

	@Bean(destroyMethod = "close")
	CallbackDispatcher callbackDispatcher(PlatformIdentity platform, SandboxOptions options, Ledger ledger) {
		return new CallbackDispatcher(platform, signingClock(options), ledger, options.timeScale());
	}

	@Bean
	Payer payer(Ledger ledger, MerchantRegistry merchants, CallbackDispatcher callbacks) {
		return new Payer(ledger, merchants, callbacks);
	}

	@Bean
	RequestAuthenticator requestAuthenticator(MerchantRegistry merchants, SandboxOptions options,
			PlatformIdentity platform) {
		return new RequestAuthenticator(merchants, signingClock(options), platform);
	}

	@Bean
	ApiOutages apiOutages() {
		return new ApiOutages();
	}

	@Bean
	SignedReplies signedReplies(PlatformIdentity platform, SandboxOptions options) {
		return new SignedReplies(platform, signingClock(options));
	}

	@Bean
	BillService billService(Ledger ledger, SandboxOptions options) {
		return new BillService(ledger, options.feeRate(), options.billReadyHour(), signingClock(options));
	}

	/** The snapshot loaded at start (null when none). */
	record Persisted(SandboxStore.Snapshot snapshot) {

	}

	private static Clock signingClock(SandboxOptions options) {
		return (options.signingClock() != null) ? options.signingClock() : Clock.systemUTC();
	}

}
