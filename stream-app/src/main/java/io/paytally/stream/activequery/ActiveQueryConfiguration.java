package io.paytally.stream.activequery;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.retrytopic.RetryTopicConfiguration;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationBuilder;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import io.paytally.schemas.ExpiryCheck;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;
import io.paytally.stream.query.OrderStateQueries;
import io.paytally.stream.internal.JsonValueSerializer;
import io.paytally.stream.internal.StreamProperties;
import io.paytally.wechat.WechatPayDirectory;
import io.paytally.wechat.WechatPayProperties;

/**
 * The active-query worker's Kafka wiring: its own consumer group reading
 * {@code orders.expiry-checks} with {@code read_committed} (the checks are written in
 * exactly-once transactions), non-blocking retries on retry topics with exponential
 * back-off for everything but {@link WechatRefused}, then a dead-letter topic whose
 * handler reports a refusal as a QUERY_FAILED anomaly (the state machine asks again
 * either way).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ StreamProperties.class, WechatPayProperties.class })
class ActiveQueryConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean
	WechatPayDirectory wechatPayDirectory(WechatPayProperties properties) {
		return new WechatPayDirectory(properties);
	}

	@Bean
	ActiveQuery activeQuery(WechatPayDirectory directory, StreamProperties settings, Clock clock) {
		StreamProperties.ActiveQuery worker = settings.activeQuery();
		return new ActiveQuery(new SdkWechatOrders(directory),
				new MerchantRateLimiter(worker.ratePerSecond(), worker.burst()), clock, settings.closeNotBefore());
	}

	@Bean
	ActiveQueryWorker activeQueryWorker(ActiveQuery activeQuery, KafkaTemplate<String, Object> activeQueryTemplate,
			Clock clock, ObjectProvider<OrderStateQueries> queries) {
		OrderStateQueries stateQueries = queries.getIfUnique();
		OrderStates states = (stateQueries != null) ? stateQueries::find : OrderStates.NONE;
		return new ActiveQueryWorker(activeQuery, activeQueryTemplate, clock, states);
	}

	@Bean
	KafkaTemplate<String, Object> activeQueryTemplate(KafkaProperties kafka) {
		Map<String, Object> props = new HashMap<>();
		props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers(kafka));
		props.put(ProducerConfig.ACKS_CONFIG, "all");
		props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		props.put(ProducerConfig.CLIENT_ID_CONFIG, "paytally-active-query");
		return new KafkaTemplate<>(
				new DefaultKafkaProducerFactory<>(props, new StringSerializer(), new JsonValueSerializer()));
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, ExpiryCheck> activeQueryContainerFactory(StreamProperties settings,
			KafkaProperties kafka) {
		Map<String, Object> props = new HashMap<>();
		props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers(kafka));
		props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.activeQuery().groupId());
		ConcurrentKafkaListenerContainerFactory<String, ExpiryCheck> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
				new ErrorHandlingDeserializer<>(Serdes.expiryCheck())));
		factory.setConcurrency(settings.activeQuery().concurrency());
		// a stop (shutdown, restart) finishes the check being asked and leaves the rest
		// of
		// the poll uncommitted for the next owner, instead of asking up to a whole poll
		// of checks at WeChat first, within the rate limit
		factory.getContainerProperties().setStopImmediate(true);
		return factory;
	}

	@Bean
	RetryTopicConfiguration activeQueryRetries(StreamProperties settings,
			KafkaTemplate<String, Object> activeQueryTemplate) {
		StreamProperties.ActiveQuery worker = settings.activeQuery();
		return RetryTopicConfigurationBuilder.newInstance()
			.includeTopic(Topic.EXPIRY_CHECKS.topicName())
			.maxAttempts(worker.attempts())
			.exponentialBackoff(worker.retryDelay().toMillis(), worker.retryMultiplier(),
					worker.retryMaxDelay().toMillis())
			.notRetryOn(WechatRefused.class)
			.autoCreateTopics(true, settings.partitions(), settings.replicationFactor())
			.listenerFactory("activeQueryContainerFactory")
			.dltHandlerMethod("activeQueryWorker", "onDeadLetter")
			.create(activeQueryTemplate);
	}

	@Bean
	@ConditionalOnMissingBean
	TaskScheduler taskScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("paytally-stream-scheduler-");
		scheduler.setPoolSize(1);
		return scheduler;
	}

	/** The brokers of the Kafka Streams instance ({@code spring.kafka.streams.*}). */
	private static Object brokers(KafkaProperties kafka) {
		return kafka.buildStreamsProperties().get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
	}

}
