package io.paytally.ingest.publish;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.paytally.schemas.topics.TopicCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalog's missing topics (the sanctioned way: brokers never auto-create).
 * Tried at start; while it has not succeeded (Kafka down at start), each readiness check
 * tries again.
 */
class TopicBootstrap {

	private static final Logger log = LoggerFactory.getLogger(TopicBootstrap.class);

	private final TopicCatalog catalog;

	private final Admin admin;

	private final AtomicBoolean done;

	TopicBootstrap(TopicCatalog catalog, Admin admin, boolean enabled) {
		this.catalog = catalog;
		this.admin = admin;
		this.done = new AtomicBoolean(!enabled);
	}

	/** Whether the topics exist (or creating them is not our job). */
	boolean ensure() {
		if (this.done.get()) {
			return true;
		}
		try {
			List<String> created = this.catalog.createMissing(this.admin);
			if (!created.isEmpty()) {
				log.info("Created topics {}", created);
			}
			this.done.set(true);
			return true;
		}
		catch (RuntimeException ex) {
			log.warn("Cannot create the catalog's topics yet: {}", ex.getClass().getSimpleName());
			return false;
		}
	}

}
