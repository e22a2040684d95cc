package io.paytally.batch;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.paytally.batch.support.Databases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * batch-jobs' HTTP port (health, info, Prometheus: management only) listens on the
 * loopback address by default, as notify-ingest's management port does: it answers there
 * and refuses connections on the machine's other addresses.
 */
class ManagementAddressIT {

	static ConfigurableApplicationContext context;

	static int port;

	@BeforeAll
	static void start() {
		Map<String, String> properties = new LinkedHashMap<>(Databases.h2());
		// as arguments: they win over batch-jobs.yml (server.address is left to it)
		properties.put("server.port", "0");
		properties.put("paytally.batch.schedule.enabled", "false");
		properties.put("spring.kafka.bootstrap-servers", "127.0.0.1:9");
		context = BatchApplication.builder()
			.run(properties.entrySet()
				.stream()
				.map((e) -> "--" + e.getKey() + "=" + e.getValue())
				.toArray(String[]::new));
		port = ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
	}

	@Test
	void answersHealthOnTheLoopbackAddress() throws Exception {
		HttpResponse<String> health = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());

		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void refusesConnectionsOnTheMachinesOtherAddresses() throws Exception {
		Optional<InetAddress> other = nonLoopbackAddress();
		assumeThat(other).as("a non-loopback IPv4 address on this machine").isPresent();

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(other.get(), port), 2000);
			}
		});
	}

	static Optional<InetAddress> nonLoopbackAddress() throws Exception {
		for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (!network.isUp() || network.isLoopback()) {
				continue;
			}
			for (InetAddress address : Collections.list(network.getInetAddresses())) {
				if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
					return Optional.of(address);
				}
			}
		}
		return Optional.empty();
	}

}
