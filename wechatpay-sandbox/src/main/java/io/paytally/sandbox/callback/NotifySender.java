package io.paytally.sandbox.callback;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Posts callbacks to notify_urls with Apache HttpClient 5 (classic, pooling connection
 * manager): connections kept alive per route as WeChat's senders do, WeChat's connect and
 * response timeouts, HTTPS with the notify_url's host name verified, redirects not
 * followed. Runs on a pool of blocking threads and answers with the status only: a
 * callback's reply body means nothing to WeChat, and whether to try again is the
 * dispatcher's schedule.
 */
final class NotifySender implements AutoCloseable {

	/** How long a kept-alive connection may idle before it is closed. */
	private static final TimeValue KEEP_ALIVE = TimeValue.ofSeconds(30);

	private final ThreadPoolExecutor threads;

	private final PoolingHttpClientConnectionManager connections;

	private final CloseableHttpClient client;

	/**
	 * A sender trusting the JVM's default trust store.
	 * @param connectTimeout how long to wait for a merchant's server to accept
	 * @param responseTimeout how long to wait for its answer (socket inactivity)
	 * @param maxConcurrent callbacks in flight at once, and connections per merchant
	 * @param threadFactory makes the sending threads
	 */
	NotifySender(Duration connectTimeout, Duration responseTimeout, int maxConcurrent, ThreadFactory threadFactory) {
		this(connectTimeout, responseTimeout, maxConcurrent, threadFactory, SSLContexts.createSystemDefault());
	}

	NotifySender(Duration connectTimeout, Duration responseTimeout, int maxConcurrent, ThreadFactory threadFactory,
			SSLContext tls) {
		this.threads = new ThreadPoolExecutor(maxConcurrent, maxConcurrent, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), threadFactory);
		this.threads.allowCoreThreadTimeOut(true);
		this.connections = PoolingHttpClientConnectionManagerBuilder.create()
			.setTlsSocketStrategy(ClientTlsStrategyBuilder.create()
				.setSslContext(tls)
				.setHostVerificationPolicy(HostnameVerificationPolicy.BOTH)
				.buildClassic())
			.setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
			.setMaxConnTotal(maxConcurrent)
			.setMaxConnPerRoute(maxConcurrent)
			.setDefaultSocketConfig(
					SocketConfig.custom().setTcpNoDelay(true).setSoTimeout(Timeout.of(responseTimeout)).build())
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(Timeout.of(connectTimeout))
				.setSocketTimeout(Timeout.of(responseTimeout))
				.build())
			.build();
		this.client = HttpClients.custom()
			.setConnectionManager(this.connections)
			.setDefaultRequestConfig(RequestConfig.custom()
				.setConnectionRequestTimeout(Timeout.of(connectTimeout))
				.setResponseTimeout(Timeout.of(responseTimeout))
				.setConnectionKeepAlive(KEEP_ALIVE)
				.setRedirectsEnabled(false)
				.setExpectContinueEnabled(false)
				.build())
			.setRetryStrategy(new ResendOnClosedConnection())
			.evictExpiredConnections()
			.evictIdleConnections(KEEP_ALIVE)
			.disableRedirectHandling()
			.disableCookieManagement()
			.disableAuthCaching()
			.disableConnectionState()
			.disableContentCompression()
			.build();
	}

	/**
	 * Posts {@code body} with {@code headers} to {@code url} on a pool thread; the future
	 * completes with the answer's status, or exceptionally when no answer came.
	 * @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL
	 */
	CompletableFuture<Integer> post(String url, Map<String, String> headers, byte[] body) {
		URI uri = URI.create(url);
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
			throw new IllegalArgumentException("not an http(s) URL: " + url);
		}
		HttpPost request = new HttpPost(uri);
		// the Content-Type comes with the headers, as the dispatcher signs it
		request.setEntity(new ByteArrayEntity(body, null));
		headers.forEach(request::addHeader);
		return CompletableFuture.supplyAsync(() -> {
			try {
				return this.client.execute(request, (response) -> {
					EntityUtils.consume(response.getEntity());
					return response.getCode();
				});
			}
			catch (IOException ex) {
				throw new CompletionException(ex);
			}
		}, this.threads);
	}

	/**
	 * Posts and reads the answer's body as text (v2 answers are read, not only counted).
	 */
	CompletableFuture<Reply> postForReply(String url, Map<String, String> headers, byte[] body) {
		URI uri = URI.create(url);
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
			throw new IllegalArgumentException("not an http(s) URL: " + url);
		}
		HttpPost request = new HttpPost(uri);
		request.setEntity(new ByteArrayEntity(body, null));
		headers.forEach(request::addHeader);
		return CompletableFuture.supplyAsync(() -> {
			try {
				return this.client.execute(request,
						(response) -> new Reply(response.getCode(), (response.getEntity() != null)
								? EntityUtils.toString(response.getEntity(), java.nio.charset.StandardCharsets.UTF_8)
								: ""));
			}
			catch (IOException ex) {
				throw new CompletionException(ex);
			}
		}, this.threads);
	}

	/** A merchant's answer: its status and body. */
	record Reply(int status, String body) {

	}

	@Override
	public void close() {
		this.threads.shutdownNow();
		this.client.close(CloseMode.IMMEDIATE);
		this.connections.close(CloseMode.IMMEDIATE);
	}

	/**
	 * Sends a callback once more, on a fresh connection, when a kept-alive one was closed
	 * by the merchant before any answer came (an idle timeout on its side). A timeout, a
	 * refused connection or any status is final for this attempt: WeChat's retry schedule
	 * applies.
	 */
	private static final class ResendOnClosedConnection implements HttpRequestRetryStrategy {

		@Override
		public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
			return execCount == 1 && (exception instanceof NoHttpResponseException
					|| exception instanceof SocketException && !(exception instanceof ConnectException));
		}

		@Override
		public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
			return false;
		}

		@Override
		public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
			return TimeValue.ZERO_MILLISECONDS;
		}

	}

}
