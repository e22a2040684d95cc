package io.paytally.testkit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 keep-alive connection for load benchmarks: it sends pre-built requests and
 * reads each answer (fixed length or chunked) with next to no CPU. A benchmark's client
 * shares the machine's two cores with the server it measures; the JDK's
 * {@code HttpClient} spent as much CPU per request as a trivial endpoint did.
 */
public final class KeepAliveConnection implements Closeable {

	private final URI server;

	private Socket socket;

	private OutputStream out;

	private InputStream in;

	private final StringBuilder line = new StringBuilder(128);

	public KeepAliveConnection(URI server) throws IOException {
		this.server = server;
		connect();
	}

	private void connect() throws IOException {
		this.socket = new Socket();
		this.socket.setTcpNoDelay(true);
		this.socket.connect(new InetSocketAddress(this.server.getHost(), this.server.getPort()), 5_000);
		this.socket.setSoTimeout(30_000);
		this.out = new BufferedOutputStream(this.socket.getOutputStream(), 8192);
		this.in = new BufferedInputStream(this.socket.getInputStream(), 8192);
	}

	/** The bytes of a {@code POST} of a JSON body with the given headers. */
	public static byte[] post(URI uri, Map<String, String> headers, String body) {
		return request("POST", uri, headers, body);
	}

	/** The bytes of a {@code GET} with the given headers. */
	public static byte[] get(URI uri, Map<String, String> headers) {
		return request("GET", uri, headers, "");
	}

	private static byte[] request(String method, URI uri, Map<String, String> headers, String body) {
		byte[] content = body.getBytes(StandardCharsets.UTF_8);
		StringBuilder head = new StringBuilder(512);
		String target = (uri.getRawQuery() != null) ? uri.getRawPath() + "?" + uri.getRawQuery() : uri.getRawPath();
		head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
		head.append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
		if (content.length > 0) {
			head.append("Content-Type: application/json\r\n");
		}
		head.append("Content-Length: ").append(content.length).append("\r\n");
		headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		head.append("\r\n");
		byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
		byte[] request = new byte[start.length + content.length];
		System.arraycopy(start, 0, request, 0, start.length);
		System.arraycopy(content, 0, request, start.length, content.length);
		return request;
	}

	/** Sends one request and returns the answer's status once its body has been read. */
	public int exchange(byte[] request) throws IOException {
		return send(request, false).status();
	}

	/** Sends one request and returns the whole answer. */
	public Response fetch(byte[] request) throws IOException {
		return send(request, true);
	}

	private Response send(byte[] request, boolean keep) throws IOException {
		if (this.socket == null) {
			connect();
		}
		this.out.write(request);
		this.out.flush();
		String status = readLine();
		if (!status.startsWith("HTTP/1.1 ")) {
			throw new IOException("not an HTTP/1.1 answer: " + status);
		}
		int code = Integer.parseInt(status.substring(9, 12));
		Map<String, String> headers = keep ? new HashMap<>() : Map.of();
		long length = -1;
		boolean chunked = false;
		boolean closing = false;
		for (String header = readLine(); !header.isEmpty(); header = readLine()) {
			int colon = header.indexOf(':');
			String name = header.substring(0, Math.max(colon, 0)).trim().toLowerCase(Locale.ROOT);
			String value = header.substring(colon + 1).trim();
			if (keep) {
				headers.put(name, value);
			}
			if (name.equals("content-length")) {
				length = Long.parseLong(value);
			}
			else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
				chunked = true;
			}
			else if (name.equals("connection") && value.equalsIgnoreCase("close")) {
				closing = true;
			}
		}
		ByteArrayOutputStream body = keep ? new ByteArrayOutputStream() : null;
		if (chunked) {
			for (long size = Long.parseLong(readLine().trim(), 16); size > 0; size = Long.parseLong(readLine().trim(),
					16)) {
				read(size, body);
				readLine();
			}
			while (!readLine().isEmpty()) {
				// trailers
			}
		}
		else if (length > 0) {
			read(length, body);
		}
		if (closing) {
			// the server ends keep-alive (Tomcat after max-keep-alive-requests):
			// reconnect
			close();
		}
		return new Response(code, headers, (body != null) ? body.toByteArray() : new byte[0]);
	}

	private void read(long count, ByteArrayOutputStream into) throws IOException {
		if (into == null) {
			skip(count);
			return;
		}
		into.write(this.in.readNBytes((int) count));
	}

	private void skip(long count) throws IOException {
		long left = count;
		while (left > 0) {
			long skipped = this.in.skip(left);
			if (skipped <= 0) {
				if (this.in.read() < 0) {
					throw new EOFException();
				}
				skipped = 1;
			}
			left -= skipped;
		}
	}

	private String readLine() throws IOException {
		this.line.setLength(0);
		for (int b = this.in.read(); b != '\n'; b = this.in.read()) {
			if (b < 0) {
				throw new EOFException("connection closed by the server");
			}
			if (b != '\r') {
				this.line.append((char) b);
			}
		}
		return this.line.toString();
	}

	@Override
	public void close() throws IOException {
		if (this.socket != null) {
			this.socket.close();
			this.socket = null;
		}
	}

	/**
	 * An answer.
	 *
	 * @param status the HTTP status
	 * @param headers the headers, names in lower case
	 * @param body the body
	 */
	public record Response(int status, Map<String, String> headers, byte[] body) {

	}

}
