package io.paytally.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.paytally.schemas.OrderEvent;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.PaymentStatus;
import io.paytally.schemas.serde.Serdes;
import io.paytally.schemas.topics.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaTestBrokerIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

	private static KafkaTestBroker broker;

	@BeforeAll
	static void startBroker() {
		broker = KafkaTestBroker.start();
	}

	@AfterAll
	static void closeBroker() {
		broker.close();
	}

	@Test
	void createsEveryTopicOfTheCatalogWithItsCleanupPolicy() {
		Map<String, String> policies = broker.withAdmin((admin) -> {
			List<ConfigResource> resources = Arrays.stream(Topic.values())
				.map((topic) -> new ConfigResource(ConfigResource.Type.TOPIC, topic.topicName()))
				.toList();
			Map<ConfigResource, Config> configs = KafkaTestBroker.get(admin.describeConfigs(resources).all());
			return configs.entrySet()
				.stream()
				.collect(Collectors.toMap((e) -> e.getKey().name(), (e) -> e.getValue().get("cleanup.policy").value()));
		});

		Map<String, String> expected = Arrays.stream(Topic.values())
			.collect(Collectors.toMap(Topic::topicName, (topic) -> topic.cleanup().policy()));
		assertThat(policies).isEqualTo(expected);
	}

	@Test
	void readCommittedSeesCommittedRecordsAndNotAbortedOnes() {
		OrderEvent first = created("T-TX-1");
		OrderEvent aborted = created("T-TX-2");
		OrderEvent second = created("T-TX-3");
		try (KafkaProducer<String, OrderEvent> producer = broker
			.newTransactionalProducer(KafkaTestBroker.uniqueName("testkit-tx"), Serdes.orderEvent())) {
			producer.beginTransaction();
			producer.send(new ProducerRecord<>(Topic.ORDER_EVENTS.topicName(), first.outTradeNo(), first));
			producer.commitTransaction();
			producer.beginTransaction();
			producer.send(new ProducerRecord<>(Topic.ORDER_EVENTS.topicName(), aborted.outTradeNo(), aborted));
			producer.flush();
			producer.abortTransaction();
			producer.beginTransaction();
			producer.send(new ProducerRecord<>(Topic.ORDER_EVENTS.topicName(), second.outTradeNo(), second));
			producer.commitTransaction();
		}

		List<KeyValue<String, OrderEvent>> events = broker.readAll(Topic.ORDER_EVENTS, Serdes.orderEvent(), 2, TIMEOUT);

		assertThat(events).containsExactlyInAnyOrder(KeyValue.pair("T-TX-1", first), KeyValue.pair("T-TX-3", second));
	}

	@Test
	void comesBackOnTheSameAddressAfterAStop() throws Exception {
		String address = broker.bootstrapServers();
		OrderPaymentState before = pending("T-RESTART-1");
		broker.send(Topic.ORDER_STATE, before.outTradeNo(), before);

		broker.stop();
		try {
			assertThat(broker.isRunning()).isFalse();
			Map<String, Object> props = broker.producerProperties();
			props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
			props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000);
			props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
					new StringSerializer())) {
				assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topic.ORDER_STATE.topicName(), "k", "v"))
					.get(30, TimeUnit.SECONDS))
					.isInstanceOfAny(ExecutionException.class, org.apache.kafka.common.errors.TimeoutException.class);
			}
		}
		finally {
			broker.restart();
		}

		assertThat(broker.isRunning()).isTrue();
		assertThat(broker.bootstrapServers()).isEqualTo(address);
		OrderPaymentState after = pending("T-RESTART-2");
		broker.send(Topic.ORDER_STATE, after.outTradeNo(), after);
		List<KeyValue<String, OrderPaymentState>> states = broker.readAll(Topic.ORDER_STATE, 2, TIMEOUT);
		assertThat(KafkaTestBroker.latestByKey(states)).containsOnlyKeys("T-RESTART-1", "T-RESTART-2");
		assertThat(Set.copyOf(states)).containsExactlyInAnyOrder(KeyValue.pair("T-RESTART-1", before),
				KeyValue.pair("T-RESTART-2", after));
	}

	private static OrderEvent created(String outTradeNo) {
		return OrderEvent.created("1900000109", outTradeNo, "M-" + outTradeNo, 100, "coffee", NOW,
				NOW.plus(Duration.ofMinutes(30)));
	}

	private static OrderPaymentState pending(String outTradeNo) {
		return new OrderPaymentState("1900000109", outTradeNo, "M-" + outTradeNo, PaymentStatus.PENDING, 100, "CNY",
				"coffee", NOW, NOW.plus(Duration.ofMinutes(30)), null, null, null, null, 0, List.of(), null, null, 0, 1,
				NOW);
	}

}
