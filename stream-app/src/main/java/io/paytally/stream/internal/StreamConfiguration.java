package io.paytally.stream.internal;

import java.util.Map;
import java.util.Properties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.paytally.schemas.topics.TopicSettings;
import io.paytally.stream.expiry.PunctuationListener;
import io.paytally.stream.topology.PaymentStreams;
import io.paytally.stream.topology.PaymentTopology;

/**
 * Builds the Kafka Streams instance of the payment topology from
 * {@code paytally.stream.*}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StreamProperties.class)
class StreamConfiguration {

	@Bean
	PaymentStreams paymentStreams(StreamProperties settings, ObjectProvider<PunctuationListener> listener,
			ObjectProvider<MeterRegistry> meterRegistry) {
		Properties properties = StreamsConfigs.properties(settings.applicationId(), settings.bootstrapServers(),
				settings.stateDir(), settings.applicationServer(), settings.commitInterval(), settings.streamThreads(),
				settings.replicationFactor());
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
