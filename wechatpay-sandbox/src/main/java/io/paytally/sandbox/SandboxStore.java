package io.paytally.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.paytally.sandbox.crypto.Pem;
import io.paytally.sandbox.keys.MerchantKeys;
import io.paytally.sandbox.keys.MerchantRegistry;
import io.paytally.sandbox.keys.PlatformKeys;
import io.paytally.sandbox.ledger.Ledger;
import io.paytally.sandbox.ledger.Order;
import io.paytally.sandbox.ledger.WireFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the ledger (and the generated keys, so that merchants' configurations stay valid)
 * in a JSON file: loaded at start, written when changed (at most once per interval) and
 * at shutdown.
 */
final class SandboxStore implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SandboxStore.class);

	private final Path file;

	private final PlatformKeys platform;

	private final MerchantRegistry merchants;

	private final Ledger ledger;

	private final AtomicBoolean dirty = new AtomicBoolean();

	private final ScheduledExecutorService scheduler;

	SandboxStore(Path file, Duration interval, PlatformKeys platform, MerchantRegistry merchants, Ledger ledger) {
		this.file = file;
		this.platform = platform;
		this.merchants = merchants;
		this.ledger = ledger;
		this.scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "sandbox-store");
			thread.setDaemon(true);
			return thread;
		});
		ledger.onChange((order) -> this.dirty.set(true));
		long millis = Math.max(10, interval.toMillis());
		this.scheduler.scheduleWithFixedDelay(this::saveIfChanged, millis, millis, TimeUnit.MILLISECONDS);
		this.dirty.set(true);
	}

	/** The snapshot in {@code file}, or null when there is none. */
	static Snapshot load(Path file) {
		if (file == null || !Files.exists(file)) {
			return null;
		}
		try {
			Snapshot snapshot = WireFormat.mapper().readValue(Files.readString(file), Snapshot.class);
			log.info("Loaded {} orders from {}", snapshot.orders().size(), file);
			return snapshot;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void saveIfChanged() {
		if (this.dirty.getAndSet(false)) {
			try {
				save();
			}
			catch (RuntimeException ex) {
				this.dirty.set(true);
				log.warn("Could not save the sandbox ledger to {}", this.file, ex);
			}
		}
	}

	synchronized void save() {
		List<SandboxOptions.Merchant> all = this.merchants.all()
			.stream()
			.map((m) -> new SandboxOptions.Merchant(m.mchid(), m.appid(), m.serialNumber(), m.privateKeyPem(),
					Pem.publicKeyPem(m.publicKey()), m.apiV3Key(), m.apiV2Key()))
			.toList();
		Snapshot snapshot = new Snapshot(this.platform.privateKeyPem(), this.platform.publicKeyId(), all,
				this.ledger.orders(null), this.platform.primesHex());
		try {
			Path parent = this.file.toAbsolutePath().getParent();
			Files.createDirectories(parent);
			Path temporary = Files.createTempFile(parent, ".sandbox", ".json");
			Files.writeString(temporary, WireFormat.json(snapshot));
			Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
		save();
	}

	/**
	 * Merges persisted merchants with configured ones: configured keys win, blanks reuse
	 * saved keys.
	 */
	static MerchantKeys merchant(SandboxOptions.Merchant configured, Snapshot snapshot) {
		SandboxOptions.Merchant saved = (snapshot == null) ? null
				: snapshot.merchants()
					.stream()
					.filter((m) -> m.mchid().equals(configured.mchid()))
					.findFirst()
					.orElse(null);
		boolean keysConfigured = configured.privateKeyPem() != null || configured.publicKeyPem() != null;
		SandboxOptions.Merchant use = (saved != null && !keysConfigured) ? saved : configured;
		return MerchantKeys.configured(configured.mchid(), configured.appid(), use.serialNumber(), use.privateKeyPem(),
				use.publicKeyPem(), use.apiV3Key(), use.apiV2Key());
	}

	/**
	 * What the file holds. The platform key is either a PEM (a configured key) or the
	 * primes of a generated multi-prime key.
	 */
	record Snapshot(String platformPrivateKeyPem, String platformPublicKeyId, List<SandboxOptions.Merchant> merchants,
			List<Order> orders, List<String> platformKeyPrimes) {

	}

}
