package io.paytally.sandbox.callback;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The sender against real local servers: a merchant's HTTP and HTTPS notify_url (the
 * JDK's server), one that closes kept-alive connections, one that never answers, and
 * none.
 */
class NotifySenderTest {

	private static final byte[] BODY = "{\"id\":\"EV-1\",\"summary\":\"支付成功\"}".getBytes(StandardCharsets.UTF_8);

	private static final Map<String, String> HEADERS = Map.of("Content-Type", "application/json", "Wechatpay-Nonce",
			"N1");

	private static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(500);

	@TempDir
	static Path keys;

	private static KeyStore localhostKeys;

	private static char[] keyPassword;

	private final NotifySender sender = new NotifySender(Duration.ofSeconds(2), RESPONSE_TIMEOUT, 16, Thread::new,
			trusting());

	private final List<AutoCloseable> servers = new ArrayList<>();

	/**
	 * A key and certificate for {@code localhost} (DNS name only), made by the JDK's
	 * keytool.
	 */
	@BeforeAll
	static void localhostCertificate() throws Exception {
		keyPassword = UUID.randomUUID().toString().toCharArray();
		Path store = keys.resolve("localhost.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "merchant", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname",
				"CN=localhost", "-ext", "SAN=dns:localhost", "-storetype", "PKCS12", "-keystore", store.toString(),
				"-storepass", new String(keyPassword))
			.redirectErrorStream(true)
			.start();
		String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(keytool.waitFor()).as(output).isZero();
		localhostKeys = KeyStore.getInstance("PKCS12");
		try (InputStream in = java.nio.file.Files.newInputStream(store)) {
			localhostKeys.load(in, keyPassword);
		}
	}

	/** A client context that trusts the localhost certificate and nothing else. */
	private static SSLContext trusting() {
		try {
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			KeyStore trusted = KeyStore.getInstance("PKCS12");
			trusted.load(null, null);
			trusted.setCertificateEntry("merchant", localhostKeys.getCertificate("merchant"));
			trust.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@AfterEach
	void close() throws Exception {
		this.sender.close();
		for (AutoCloseable server : this.servers) {
			server.close();
		}
	}

	@Test
	void postsTheCallbackAsGivenAndKeepsTheConnectionAlive() throws Exception {
		Merchant merchant = merchant(false, (n) -> 200);

		for (int i = 0; i < 3; i++) {
			assertThat(post(merchant.url("/notify?mch=1"))).isEqualTo(200);
		}

		assertThat(merchant.received).hasSize(3).allSatisfy((request) -> {
			assertThat(request.target()).isEqualTo("/notify?mch=1");
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.contentType()).isEqualTo("application/json");
			assertThat(request.nonce()).isEqualTo("N1");
			assertThat(request.body()).isEqualTo(BODY);
		});
		assertThat(merchant.received.stream().map(Received::clientPort).distinct()).hasSize(1);
	}

	@Test
	void answersWithTheMerchantsStatusWhateverItIs() throws Exception {
		Merchant merchant = merchant(false, (n) -> switch (n) {
			case 1 -> 500;
			case 2 -> 503;
			case 3 -> 204;
			case 4 -> 302;
			case 5 -> 404;
			default -> 202;
		});

		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			statuses.add(post(merchant.url("/notify")));
		}

		assertThat(statuses).containsExactly(500, 503, 204, 302, 404, 202);
		// a status is final: nothing was sent twice, and a redirect was not followed
		assertThat(merchant.received).hasSize(6).allSatisfy((r) -> assertThat(r.target()).isEqualTo("/notify"));
		assertThat(merchant.received.stream().map(Received::clientPort).distinct()).hasSize(1);
	}

	@Test
	void failsWhenTheMerchantDoesNotAnswerInTime() throws Exception {
		Merchant merchant = merchant(false, (n) -> {
			sleep(RESPONSE_TIMEOUT.multipliedBy(3));
			return 200;
		});

		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> post(merchant.url("/notify")))
			.withCauseInstanceOf(SocketTimeoutException.class);
		assertThat(merchant.received).hasSize(1);
	}

	@Test
	void failsWhenNothingListens() throws Exception {
		int port;
		try (ServerSocket closed = new ServerSocket(0)) {
			port = closed.getLocalPort();
		}

		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> post("http://127.0.0.1:" + port + "/notify"))
			.withCauseInstanceOf(ConnectException.class);
	}

	@Test
	void resendsOnAFreshConnectionWhenAKeptOneWasClosedByTheMerchant() throws Exception {
		ClosingMerchant merchant = new ClosingMerchant();
		this.servers.add(merchant);

		assertThat(post(merchant.url())).isEqualTo(200);
		Thread.sleep(100);
		assertThat(post(merchant.url())).isEqualTo(200);

		assertThat(merchant.connections.get()).isEqualTo(2);
		assertThat(merchant.requests.get()).isEqualTo(2);
	}

	@Test
	void keepsCrAndLfInAHeaderValueFromStartingAnotherHeader() throws Exception {
		Merchant merchant = merchant(false, (n) -> 200);

		int status = this.sender
			.post(merchant.url("/notify"),
					Map.of("Content-Type", "application/json", "Wechatpay-Nonce", "N1\r\nX-Injected: yes"), BODY)
			.get(5, TimeUnit.SECONDS);

		assertThat(status).isEqualTo(200);
		Received request = merchant.received.peek();
		assertThat(request.injected()).isNull();
		assertThat(request.nonce()).doesNotContain("\r", "\n").startsWith("N1").endsWith("X-Injected: yes");
	}

	@Test
	void sendsAsManyCallbacksAtOnceAsItHasConnections() throws Exception {
		CountDownLatch all = new CountDownLatch(16);
		Merchant merchant = merchant(false, (n) -> {
			all.countDown();
			try {
				// answers only once all 16 are in: one connection each
				return all.await(RESPONSE_TIMEOUT.toMillis() - 100, TimeUnit.MILLISECONDS) ? 200 : 503;
			}
			catch (InterruptedException ex) {
				return 503;
			}
		});

		List<CompletableFuture<Integer>> answers = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			answers.add(this.sender.post(merchant.url("/notify"), HEADERS, BODY));
		}

		for (CompletableFuture<Integer> answer : answers) {
			assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo(200);
		}
		assertThat(merchant.received.stream().map(Received::clientPort).distinct()).hasSize(16);
	}

	@Test
	void speaksTlsAndChecksTheMerchantsHostName() throws Exception {
		Merchant merchant = merchant(true, (n) -> 200);

		assertThat(post("https://localhost:" + merchant.port() + "/notify")).isEqualTo(200);
		assertThat(merchant.received).hasSize(1).allSatisfy((r) -> assertThat(r.body()).isEqualTo(BODY));

		// the certificate names localhost, not 127.0.0.1: refused before anything is sent
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> post("https://127.0.0.1:" + merchant.port() + "/notify"))
			.withCauseInstanceOf(SSLException.class);
		assertThat(merchant.received).hasSize(1);
	}

	@Test
	void refusesAMerchantCertificateTheJvmDoesNotTrust() throws Exception {
		Merchant merchant = merchant(true, (n) -> 200);
		try (NotifySender systemTrust = new NotifySender(Duration.ofSeconds(2), RESPONSE_TIMEOUT, 2, Thread::new)) {
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> systemTrust.post("https://localhost:" + merchant.port() + "/notify", HEADERS, BODY)
					.get(5, TimeUnit.SECONDS))
				.withCauseInstanceOf(SSLException.class);
		}
		assertThat(merchant.received).isEmpty();
	}

	@Test
	void refusesWhatIsNotAnHttpUrl() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.sender.post("ftp://example.com/notify", Map.of(), BODY));
		assertThatIllegalArgumentException().isThrownBy(() -> this.sender.post("/notify", Map.of(), BODY));
		assertThatIllegalArgumentException().isThrownBy(() -> this.sender.post("http://bad host/", Map.of(), BODY));
	}

	private int post(String url) throws Exception {
		return this.sender.post(url, HEADERS, BODY).get(5, TimeUnit.SECONDS);
	}

	private Merchant merchant(boolean tls, IntUnaryOperator statusForCall) throws Exception {
		Merchant merchant = new Merchant(tls, statusForCall);
		this.servers.add(merchant);
		return merchant;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** What a merchant's server received. */
	private record Received(String method, String target, String contentType, String nonce, String injected,
			byte[] body, int clientPort) {

	}

	/**
	 * A merchant's notify_url on the JDK's HTTP(S) server, answering a status per call.
	 */
	private static final class Merchant implements AutoCloseable {

		private final HttpServer server;

		private final ExecutorService executor = Executors.newCachedThreadPool();

		private final AtomicInteger calls = new AtomicInteger();

		private final Queue<Received> received = new ConcurrentLinkedQueue<>();

		private final boolean tls;

		Merchant(boolean tls, IntUnaryOperator statusForCall) throws Exception {
			this.tls = tls;
			InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
			if (tls) {
				KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keyManagers.init(localhostKeys, keyPassword);
				SSLContext context = SSLContext.getInstance("TLS");
				context.init(keyManagers.getKeyManagers(), null, null);
				HttpsServer https = HttpsServer.create(address, 64);
				https.setHttpsConfigurator(new HttpsConfigurator(context));
				this.server = https;
			}
			else {
				this.server = HttpServer.create(address, 64);
			}
			this.server.setExecutor(this.executor);
			this.server.createContext("/", (exchange) -> answer(exchange, statusForCall));
			this.server.start();
		}

		private void answer(HttpExchange exchange, IntUnaryOperator statusForCall) throws IOException {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
					exchange.getRequestHeaders().getFirst("Content-Type"),
					exchange.getRequestHeaders().getFirst("Wechatpay-Nonce"),
					exchange.getRequestHeaders().getFirst("X-Injected"), body, exchange.getRemoteAddress().getPort()));
			int status = statusForCall.applyAsInt(this.calls.incrementAndGet());
			if (status == 302) {
				exchange.getResponseHeaders().add("Location", "/elsewhere");
			}
			if (status == 204) {
				exchange.sendResponseHeaders(status, -1);
			}
			else {
				// a chunked JSON answer, as many frameworks give
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(status, 0);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write("{\"code\":\"SUCCESS\",\"message\":\"成功\"}".getBytes(StandardCharsets.UTF_8));
				}
			}
			exchange.close();
		}

		int port() {
			return this.server.getAddress().getPort();
		}

		String url(String target) {
			return (this.tls ? "https" : "http") + "://127.0.0.1:" + port() + target;
		}

		@Override
		public void close() {
			this.server.stop(0);
			this.executor.shutdownNow();
		}

	}

	/**
	 * A merchant's server that answers as if it kept the connection alive and then closes
	 * it anyway (an idle timeout shorter than the sender's).
	 */
	private static final class ClosingMerchant implements AutoCloseable {

		private final ServerSocket server = new ServerSocket(0);

		private final AtomicInteger connections = new AtomicInteger();

		private final AtomicInteger requests = new AtomicInteger();

		ClosingMerchant() throws IOException {
			Thread acceptor = new Thread(() -> {
				while (!this.server.isClosed()) {
					try (Socket socket = this.server.accept()) {
						this.connections.incrementAndGet();
						InputStream in = socket.getInputStream();
						String head = readHead(in);
						if (head.isEmpty()) {
							continue;
						}
						int length = Integer.parseInt(head.replaceAll("(?is).*\r\ncontent-length: *(\\d+).*", "$1"));
						in.readNBytes(length);
						this.requests.incrementAndGet();
						socket.getOutputStream()
							.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
						socket.getOutputStream().flush();
					}
					catch (IOException ex) {
						// closed at the end of the test, or a connection cut short
					}
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
		}

		private static String readHead(InputStream in) throws IOException {
			StringBuilder head = new StringBuilder();
			for (int b = in.read(); b >= 0; b = in.read()) {
				head.append((char) b);
				if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
					break;
				}
			}
			return head.toString();
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getLocalPort() + "/notify";
		}

		@Override
		public void close() throws IOException {
			this.server.close();
		}

	}

}
