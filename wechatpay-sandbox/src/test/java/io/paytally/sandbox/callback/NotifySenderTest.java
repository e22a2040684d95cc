package io.paytally.sandbox.callback;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NotifySenderTest {

	private static final byte[] BODY = "{\"id\":\"EV-1\"}".getBytes(StandardCharsets.UTF_8);

	private final NotifySender sender = new NotifySender(Duration.ofSeconds(2), Duration.ofMillis(500), 4, Thread::new);

	private Merchant merchant;

	@AfterEach
	void close() throws IOException {
		this.sender.close();
		if (this.merchant != null) {
			this.merchant.close();
		}
	}

	@Test
	void postsTheCallbackAndKeepsTheConnectionAlive() throws Exception {
		this.merchant = new Merchant((n) -> "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", false);
		for (int i = 0; i < 3; i++) {
			assertThat(post("/notify?mch=1")).isEqualTo(200);
		}
		assertThat(this.merchant.connections.get()).isEqualTo(1);
		assertThat(this.merchant.requests).hasSize(3).allSatisfy((request) -> {
			assertThat(request).startsWith("POST /notify?mch=1 HTTP/1.1\r\nHost: 127.0.0.1:" + this.merchant.port()
					+ "\r\nContent-Length: " + BODY.length + "\r\n");
			assertThat(request).contains("\r\nWechatpay-Nonce: N1\r\n").endsWith("\r\n\r\n{\"id\":\"EV-1\"}");
		});
	}

	@Test
	void readsChunkedAndBodilessAnswers() throws Exception {
		this.merchant = new Merchant((n) -> switch (n) {
			case 1 -> "HTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\n\r\n"
					+ "5;ext=1\r\n{\"co\r\n9\r\nde\":\"X\"}\r\n0\r\n\r\n";
			case 2 -> "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n";
			default -> "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n";
		}, false);
		assertThat(post("/notify")).isEqualTo(500);
		assertThat(post("/notify")).isEqualTo(204);
		assertThat(post("/notify")).isEqualTo(202);
		assertThat(this.merchant.connections.get()).isEqualTo(1);
	}

	@Test
	void opensANewConnectionAfterTheMerchantAskedToClose() throws Exception {
		this.merchant = new Merchant((n) -> "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", true);
		assertThat(post("/notify")).isEqualTo(200);
		assertThat(post("/notify")).isEqualTo(200);
		assertThat(this.merchant.connections.get()).isEqualTo(2);
	}

	@Test
	void resendsOnAFreshConnectionWhenAKeptOneWasClosedByTheMerchant() throws Exception {
		// answers as if keeping the connection alive, then closes it anyway (an idle
		// timeout)
		this.merchant = new Merchant((n) -> "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", true);
		assertThat(post("/notify")).isEqualTo(200);
		Thread.sleep(100);
		assertThat(post("/notify")).isEqualTo(200);
		assertThat(this.merchant.connections.get()).isEqualTo(2);
		assertThat(this.merchant.requests).hasSize(2);
	}

	@Test
	void failsWhenTheMerchantDoesNotAnswerInTime() throws Exception {
		this.merchant = new Merchant((n) -> null, false);
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> post("/notify"))
			.withCauseInstanceOf(SocketTimeoutException.class);
		assertThat(this.merchant.requests).hasSize(1);
	}

	@Test
	void failsWhenNothingListens() throws Exception {
		int port;
		try (ServerSocket closed = new ServerSocket(0)) {
			port = closed.getLocalPort();
		}
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(
				() -> this.sender.post("http://127.0.0.1:" + port + "/notify", Map.of(), BODY).get(5, TimeUnit.SECONDS))
			.withCauseInstanceOf(java.net.ConnectException.class);
	}

	@Test
	void speaksTlsToAnHttpsUrl() throws Exception {
		try (ServerSocket server = new ServerSocket(0)) {
			java.util.concurrent.CompletableFuture<Integer> answer = this.sender
				.post("https://127.0.0.1:" + server.getLocalPort() + "/notify", Map.of(), BODY);
			try (Socket socket = server.accept()) {
				// a TLS record of type handshake (the ClientHello), not "POST"
				assertThat(socket.getInputStream().read()).isEqualTo(0x16);
			}
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> answer.get(5, TimeUnit.SECONDS))
				.withCauseInstanceOf(IOException.class);
		}
	}

	@Test
	void refusesWhatIsNotAnHttpUrl() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.sender.post("ftp://example.com/notify", Map.of(), BODY));
		assertThatIllegalArgumentException().isThrownBy(() -> this.sender.post("/notify", Map.of(), BODY));
		assertThatIllegalArgumentException().isThrownBy(() -> this.sender.post("http://bad host/", Map.of(), BODY));
	}

	private int post(String path) throws Exception {
		return this.sender
			.post("http://127.0.0.1:" + this.merchant.port() + path,
					Map.of("Content-Type", "application/json", "Wechatpay-Nonce", "N1"), BODY)
			.get(5, TimeUnit.SECONDS);
	}

	/**
	 * A merchant's server written out by hand: answers each request with the scripted
	 * text (none when null), optionally closing the connection after each answer.
	 */
	private static final class Merchant implements AutoCloseable {

		private final ServerSocket server = new ServerSocket(0);

		private final AtomicInteger connections = new AtomicInteger();

		private final AtomicInteger answered = new AtomicInteger();

		private final Queue<String> requests = new ConcurrentLinkedQueue<>();

		private final List<Socket> sockets = new ArrayList<>();

		Merchant(java.util.function.IntFunction<String> answers, boolean closeAfterEach) throws IOException {
			Thread acceptor = new Thread(() -> {
				while (!this.server.isClosed()) {
					try {
						Socket socket = this.server.accept();
						synchronized (this.sockets) {
							this.sockets.add(socket);
						}
						this.connections.incrementAndGet();
						Thread serve = new Thread(() -> serve(socket, answers, closeAfterEach));
						serve.setDaemon(true);
						serve.start();
					}
					catch (IOException ex) {
						return;
					}
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
		}

		int port() {
			return this.server.getLocalPort();
		}

		private void serve(Socket socket, java.util.function.IntFunction<String> answers, boolean closeAfterEach) {
			try (socket) {
				BufferedReader in = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
				OutputStream out = socket.getOutputStream();
				while (true) {
					StringBuilder request = new StringBuilder();
					int length = 0;
					for (String line = in.readLine(); line != null; line = in.readLine()) {
						request.append(line).append("\r\n");
						if (line.startsWith("Content-Length: ")) {
							length = Integer.parseInt(line.substring(16));
						}
						if (line.isEmpty()) {
							break;
						}
					}
					if (request.isEmpty()) {
						return;
					}
					char[] body = new char[length];
					for (int read = 0; read < length;) {
						read += in.read(body, read, length - read);
					}
					this.requests.add(request.append(body).toString());
					String answer = answers.apply(this.answered.incrementAndGet());
					if (answer == null) {
						Thread.sleep(2_000);
						return;
					}
					out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
					out.flush();
					if (closeAfterEach) {
						return;
					}
				}
			}
			catch (IOException | InterruptedException ex) {
				// the test is over
			}
		}

		@Override
		public void close() throws IOException {
			this.server.close();
			synchronized (this.sockets) {
				for (Socket socket : this.sockets) {
					socket.close();
				}
			}
		}

	}

}
