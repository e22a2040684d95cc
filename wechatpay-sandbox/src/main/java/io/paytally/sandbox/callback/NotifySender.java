package io.paytally.sandbox.callback;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Posts callbacks to notify_urls over HTTP/1.1 (or HTTPS), keeping connections alive per
 * origin as WeChat's senders do, on a pool of blocking threads, and answers with the
 * status only: a callback's reply body means nothing to WeChat. The JDK's
 * {@code HttpClient} spent more CPU per callback than signing and encrypting it did.
 */
final class NotifySender implements AutoCloseable {

	/** Connections kept open per origin when idle. */
	private static final int MAX_IDLE_PER_ORIGIN = 64;

	/** The longest status line or header line read from a merchant. */
	private static final int MAX_LINE = 8192;

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final ThreadPoolExecutor threads;

	private final Map<String, Deque<Connection>> idle = new ConcurrentHashMap<>();

	NotifySender(Duration connectTimeout, Duration readTimeout, int maxThreads, ThreadFactory threadFactory) {
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
		this.threads = new ThreadPoolExecutor(maxThreads, maxThreads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				threadFactory);
		this.threads.allowCoreThreadTimeOut(true);
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
		byte[] request = request(uri, headers, body);
		return CompletableFuture.supplyAsync(() -> {
			try {
				return exchange(uri, scheme.equals("https"), request);
			}
			catch (IOException ex) {
				throw new CompletionException(ex);
			}
		}, this.threads);
	}

	private int exchange(URI uri, boolean tls, byte[] request) throws IOException {
		int port = (uri.getPort() != -1) ? uri.getPort() : (tls ? 443 : 80);
		String origin = (tls ? "https://" : "http://") + uri.getHost() + ":" + port;
		Deque<Connection> pool = this.idle.computeIfAbsent(origin, (key) -> new ConcurrentLinkedDeque<>());
		Connection reused = pool.pollFirst();
		if (reused != null) {
			try {
				return exchange(reused, pool, request);
			}
			catch (StaleConnection ex) {
				// the merchant closed the kept-alive connection before our request: a
				// fresh one
			}
		}
		Connection fresh = Connection.open(uri.getHost(), port, tls, this.connectTimeout, this.readTimeout);
		return exchange(fresh, pool, request);
	}

	private int exchange(Connection connection, Deque<Connection> pool, byte[] request) throws IOException {
		boolean keep = false;
		try {
			Connection.Answer answer = connection.exchange(request);
			keep = answer.keepAlive() && pool.size() < MAX_IDLE_PER_ORIGIN;
			return answer.status();
		}
		finally {
			if (keep) {
				pool.offerFirst(connection);
			}
			else {
				connection.close();
			}
		}
	}

	private static byte[] request(URI uri, Map<String, String> headers, byte[] body) {
		String target = ((uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath())
				+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		StringBuilder head = new StringBuilder(640).append("POST ").append(target).append(" HTTP/1.1\r\nHost: ");
		head.append(uri.getHost());
		if (uri.getPort() != -1) {
			head.append(':').append(uri.getPort());
		}
		head.append("\r\nContent-Length: ").append(body.length).append("\r\n");
		headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		byte[] start = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
		byte[] all = new byte[start.length + body.length];
		System.arraycopy(start, 0, all, 0, start.length);
		System.arraycopy(body, 0, all, start.length, body.length);
		return all;
	}

	@Override
	public void close() {
		this.threads.shutdownNow();
		this.idle.values().forEach((pool) -> {
			for (Connection connection = pool.poll(); connection != null; connection = pool.poll()) {
				connection.close();
			}
		});
	}

	/** A kept-alive connection failed before any byte of an answer came back. */
	private static final class StaleConnection extends IOException {

		StaleConnection(IOException cause) {
			super("kept-alive connection closed by the merchant", cause);
		}

	}

	/** One connection to a merchant's server, used by one thread at a time. */
	private static final class Connection {

		private final Socket socket;

		private final OutputStream out;

		private final InputStream in;

		private int exchanges;

		private Connection(Socket socket) throws IOException {
			this.socket = socket;
			this.out = new BufferedOutputStream(socket.getOutputStream(), 4096);
			this.in = new BufferedInputStream(socket.getInputStream(), 4096);
		}

		static Connection open(String host, int port, boolean tls, Duration connectTimeout, Duration readTimeout)
				throws IOException {
			Socket plain = new Socket();
			try {
				plain.setTcpNoDelay(true);
				plain.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
				plain.setSoTimeout((int) readTimeout.toMillis());
				if (!tls) {
					return new Connection(plain);
				}
				SSLSocket socket = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain,
						host, port, true);
				// the merchant's certificate must name the notify_url's host, as WeChat
				// checks
				SSLParameters parameters = socket.getSSLParameters();
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
				socket.setSSLParameters(parameters);
				return new Connection(socket);
			}
			catch (IOException | RuntimeException ex) {
				plain.close();
				throw ex;
			}
		}

		/** The answer's status and whether the connection may carry another request. */
		record Answer(int status, boolean keepAlive) {

		}

		Answer exchange(byte[] request) throws IOException {
			boolean first = this.exchanges++ == 0;
			int firstByte;
			try {
				this.out.write(request);
				this.out.flush();
				firstByte = this.in.read();
				if (firstByte < 0) {
					throw new EOFException("closed before an answer");
				}
			}
			catch (java.net.SocketTimeoutException ex) {
				// a slow merchant, not a closed connection: WeChat's retry schedule
				// applies
				throw ex;
			}
			catch (IOException ex) {
				throw first ? ex : new StaleConnection(ex);
			}
			String statusLine = (char) firstByte + line();
			while (true) {
				if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
					throw new IOException(
							"not an HTTP/1.x answer: " + statusLine.substring(0, Math.min(statusLine.length(), 40)));
				}
				int status = Integer.parseInt(statusLine.substring(9, 12));
				boolean keepAlive = statusLine.startsWith("HTTP/1.1");
				long length = -1;
				boolean chunked = false;
				for (String header = line(); !header.isEmpty(); header = line()) {
					int colon = header.indexOf(':');
					if (colon <= 0) {
						continue;
					}
					String name = header.substring(0, colon).trim();
					String value = header.substring(colon + 1).trim();
					if (name.equalsIgnoreCase("Content-Length")) {
						length = Long.parseLong(value);
					}
					else if (name.equalsIgnoreCase("Transfer-Encoding")) {
						chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
					}
					else if (name.equalsIgnoreCase("Connection")) {
						keepAlive = !value.equalsIgnoreCase("close")
								&& (keepAlive || value.equalsIgnoreCase("keep-alive"));
					}
				}
				if (status >= 100 && status < 200) {
					statusLine = line();
					continue;
				}
				if (status == 204 || status == 304) {
					return new Answer(status, keepAlive);
				}
				if (chunked) {
					for (long size = chunkSize(); size > 0; size = chunkSize()) {
						skip(size);
						line();
					}
					while (!line().isEmpty()) {
						// trailers
					}
					return new Answer(status, keepAlive);
				}
				if (length >= 0) {
					skip(length);
					return new Answer(status, keepAlive);
				}
				// no length: the body ends when the merchant closes
				while (this.in.skip(Long.MAX_VALUE) > 0 || this.in.read() >= 0) {
					// discard
				}
				return new Answer(status, false);
			}
		}

		private long chunkSize() throws IOException {
			String size = line();
			int extension = size.indexOf(';');
			return Long.parseLong(((extension >= 0) ? size.substring(0, extension) : size).trim(), 16);
		}

		private void skip(long count) throws IOException {
			for (long left = count; left > 0;) {
				long skipped = this.in.skip(left);
				if (skipped <= 0) {
					if (this.in.read() < 0) {
						throw new EOFException("answer shorter than its length");
					}
					skipped = 1;
				}
				left -= skipped;
			}
		}

		private String line() throws IOException {
			StringBuilder line = new StringBuilder(64);
			for (int b = this.in.read(); b != '\n'; b = this.in.read()) {
				if (b < 0) {
					throw new EOFException("answer cut short");
				}
				if (b != '\r') {
					if (line.length() == MAX_LINE) {
						throw new IOException("answer line longer than " + MAX_LINE);
					}
					line.append((char) b);
				}
			}
			return line.toString();
		}

		void close() {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing a connection we no longer use: nothing to report
			}
		}

	}

}
