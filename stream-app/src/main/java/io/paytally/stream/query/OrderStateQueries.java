package io.paytally.stream.query;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.stereotype.Component;

import io.paytally.schemas.MerchantKey;
import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.serde.Json;
import io.paytally.stream.payment.OrderPayment;
import io.paytally.stream.security.ApiKeys;
import io.paytally.stream.topology.PaymentStreams;
import io.paytally.stream.topology.PaymentTopology;

/**
 * The current payment state of an order, from the order store of the instance that holds
 * it: read locally, or asked of the other instance over HTTP ({@code GET
 * /orders/{outTradeNo}?mchid=} with {@value #LOCAL_ONLY_HEADER} and the instances' own
 * key, {@code paytally.security.instance-key}). An order is the merchant's and its
 * out_trade_no together: the store is keyed {@code mchid@out_trade_no}.
 */
@Component
public class OrderStateQueries {

	/** Header of a routed request: answer from the local store, do not route again. */
	public static final String LOCAL_ONLY_HEADER = "X-Paytally-Local-Only";

	private final PaymentStreams streams;

	private final ApiKeys apiKeys;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	public OrderStateQueries(PaymentStreams streams, ApiKeys apiKeys) {
		this.streams = streams;
		this.apiKeys = apiKeys;
	}

	/**
	 * The order's current state; empty when no order event was seen for it.
	 * @throws StateNotAvailable when the store cannot be read right now
	 */
	public Optional<OrderPaymentState> find(String mchid, String outTradeNo) {
		String key = MerchantKey.encode(mchid, outTradeNo);
		KafkaStreams kafkaStreams = kafkaStreams();
		KeyQueryMetadata metadata;
		try {
			metadata = kafkaStreams.queryMetadataForKey(PaymentTopology.ORDER_STORE, key, new StringSerializer());
		}
		catch (RuntimeException ex) {
			throw new StateNotAvailable("No metadata for order " + key + " yet", ex);
		}
		if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
			throw new StateNotAvailable("No instance holds order " + key + " right now", null);
		}
		HostInfo active = metadata.activeHost();
		String self = this.streams.applicationServer();
		if (self == null || HostInfo.buildFromEndpoint(self).equals(active)) {
			return findLocally(mchid, outTradeNo);
		}
		return askRemote(active, mchid, outTradeNo);
	}

	/**
	 * The order's state from this instance's store only.
	 * @throws StateNotAvailable when the store cannot be read right now
	 */
	public Optional<OrderPaymentState> findLocally(String mchid, String outTradeNo) {
		try {
			ReadOnlyKeyValueStore<String, OrderPayment> store = kafkaStreams()
				.store(StoreQueryParameters.fromNameAndType(PaymentTopology.ORDER_STORE,
						QueryableStoreTypes.<String, OrderPayment>keyValueStore()));
			OrderPayment order = store.get(MerchantKey.encode(mchid, outTradeNo));
			return (order != null) ? order.currentState() : Optional.empty();
		}
		catch (InvalidStateStoreException ex) {
			throw new StateNotAvailable("The order store is not readable here right now", ex);
		}
	}

	private Optional<OrderPaymentState> askRemote(HostInfo host, String mchid, String outTradeNo) {
		URI uri = URI.create("http://" + host.host() + ":" + host.port() + "/orders/"
				+ URLEncoder.encode(outTradeNo, StandardCharsets.UTF_8) + "?mchid="
				+ URLEncoder.encode(mchid, StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(5))
			.header(LOCAL_ONLY_HEADER, "true")
			.header("Authorization", this.apiKeys.instanceAuthorization())
			.header("Accept", "application/json")
			.GET()
			.build();
		try {
			HttpResponse<byte[]> response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			return switch (response.statusCode()) {
				case 200 -> Optional.of(Json.mapper().readValue(response.body(), OrderPaymentState.class));
				case 404 -> Optional.empty();
				default -> throw new StateNotAvailable(
						"Instance " + host + " answered " + response.statusCode() + " for order " + outTradeNo, null);
			};
		}
		catch (IOException ex) {
			throw new StateNotAvailable("Instance " + host + " cannot be reached for order " + outTradeNo, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StateNotAvailable("Interrupted asking " + host + " for order " + outTradeNo, ex);
		}
	}

	private KafkaStreams kafkaStreams() {
		try {
			return this.streams.kafkaStreams();
		}
		catch (IllegalStateException ex) {
			throw new StateNotAvailable(ex.getMessage(), ex);
		}
	}

}
