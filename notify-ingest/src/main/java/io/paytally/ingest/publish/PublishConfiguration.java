package io.paytally.ingest.publish;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.paytally.ingest.IngestProperties;
import io.paytally.schemas.topics.TopicCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The producer, the admin client, the catalog's topics and the Kafka readiness check.
 * Connection settings come from {@code spring.kafka.*}; {@code acks=all}, idempotence and
 * the timeouts that keep a callback's wait below WeChat's 5 s are set here over them.
 */
@Configuration(proxyBeanMethods = false)
class PublishConfiguration {

	@Bean(destroyMethod = "")
	Producer<String, byte[]> notificationProducer(KafkaProperties kafka, IngestProperties properties) {
		Map<String, Object> config = kafka.buildProducerProperties();
		config.putAll(producerSettings(properties));
		return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

	/** What notify-ingest insists on, over {@code spring.kafka.producer.*}. */
	static Map<String, Object> producerSettings(IngestProperties properties) {
		long ackTimeout = properties.ackTimeout().toMillis();
		long linger = properties.producer().linger().toMillis();
		long requestTimeout = Math.max(500, ackTimeout * 2 / 3);
		long deliveryTimeout = Math.max(ackTimeout, requestTimeout + linger);
		Map<String, Object> settings = new java.util.HashMap<>(properties.producer().properties());
		settings.put(ProducerConfig.ACKS_CONFIG, "all");
		settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
		settings.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger);
		settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ackTimeout);
		settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout);
		settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout);
		settings.putIfAbsent(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
		settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "notify-ingest");
		return settings;
	}

	@Bean
	ProducerCloser notificationProducerCloser(Producer<String, byte[]> notificationProducer) {
		return new ProducerCloser(notificationProducer);
	}

	@Bean(destroyMethod = "close")
	Admin ingestAdmin(KafkaProperties kafka) {
		Map<String, Object> config = kafka.buildAdminProperties();
		config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
		config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
		config.putIfAbsent(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
		config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "notify-ingest-admin");
		return Admin.create(config);
	}

	@Bean
	TopicBootstrap topicBootstrap(Admin ingestAdmin, IngestProperties properties) {
		TopicBootstrap bootstrap = new TopicBootstrap(new TopicCatalog(properties.topics().settings()), ingestAdmin,
				properties.topics().createMissing());
		bootstrap.ensure();
		return bootstrap;
	}

	@Bean
	KafkaReadiness kafkaHealthIndicator(Admin ingestAdmin, TopicBootstrap topicBootstrap, Clock clock,
			IngestProperties properties) {
		return new KafkaReadiness(ingestAdmin, topicBootstrap, clock, properties.readinessCacheTtl(),
				Duration.ofSeconds(1), properties.topics().minInsyncReplicas());
	}

	@Bean
	NotificationPublisher notificationPublisher(Producer<String, byte[]> notificationProducer,
			IngestProperties properties, MeterRegistry meterRegistry) {
		return new NotificationPublisher(notificationProducer, properties.ackTimeout(), meterRegistry);
	}

	/** Closes the producer at shutdown, giving in-flight records a moment. */
	static final class ProducerCloser implements org.springframework.beans.factory.DisposableBean {

		private final Producer<String, byte[]> producer;

		ProducerCloser(Producer<String, byte[]> producer) {
			this.producer = producer;
		}

		@Override
		public void destroy() {
			this.producer.close(Duration.ofSeconds(2));
		}

	}

}
