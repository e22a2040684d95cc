package io.paytally.sandbox;

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
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The sandbox's control API ({@code /sandbox/**}: it pays and refunds orders and hands
 * out the merchants' private keys) answers on the loopback address only, standalone (its
 * default {@code server.address}) and embedded alike: connections to the machine's other
 * address are refused.
 */
class ControlAddressIT {

	@Test
	void servesTheStandaloneControlApiOnTheLoopbackAddressOnly() throws Exception {
		SpringApplication application = new SpringApplication(SandboxApplication.class);
		application.setDefaultProperties(java.util.Map.of("spring.config.name", "sandbox"));
		try (ConfigurableApplicationContext context = application.run("--server.port=0")) {
			int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
			assertLoopbackOnly(port);
		}
	}

	@Test
	void servesTheEmbeddedControlApiOnTheLoopbackAddressOnly() throws Exception {
		try (Sandbox sandbox = Sandbox.start(SandboxOptions.builder().port(0).build())) {
			assertLoopbackOnly(sandbox.baseUrl().getPort());
		}
	}

	private static void assertLoopbackOnly(int port) throws Exception {
		HttpResponse<String> key = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sandbox/platform-key")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(key.statusCode()).isEqualTo(200);
		assertThat(key.body()).contains("BEGIN PUBLIC KEY");

		Optional<InetAddress> other = nonLoopbackAddress();
		assumeThat(other).as("a non-loopback IPv4 address on this machine").isPresent();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(other.get(), port), 2000);
			}
		});
	}

	private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
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
