package io.paytally.stream.internal;

import java.util.Map;
import java.util.Properties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.paytally.schemas.topics.TopicSettings;
import io.paytally.stream.expiry.PunctuationListener;
import io.paytally.stream.topology.PaymentStreams;
import io.paytally.stream.topology.PaymentTopology;

/**
 * Builds the Kafka Streams instance of the payment topology from Spring Boot's
 * {@code spring.kafka.streams.*} (bootstrap servers, application id, state directory) and
 * {@code paytally.stream.*} (the rest).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StreamProperties.class)
class StreamConfiguration {

	@Bean
	PaymentStreams paymentStreams(StreamProperties settings, KafkaProperties kafka,
			ObjectProvider<PunctuationListener> listener, ObjectProvider<MeterRegistry> meterRegistry) {
		Properties properties = StreamsConfigs.properties(kafka.buildStreamsProperties(), settings.applicationServer(),
				settings.commitInterval(), settings.streamThreads(), settings.replicationFactor());
		TopicSettings topics = settings.createTopics()
				? new TopicSettings(settings.partitions(), settings.replicationFactor(), 1, Map.of()) : null;
		PaymentStreams streams = new PaymentStreams(
				PaymentTopology
					.build(settings.topologySettings(listener.getIfAvailable(() -> PunctuationListener.NONE))),
				properties, topics);
		meterRegistry.ifUnique(streams::setMeterRegistry);
		return streams;
	}

}
