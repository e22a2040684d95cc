package io.paytally.ingest.benchmark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 keep-alive connection that sends pre-built requests and reads the status
 * of each answer, skipping its body (fixed length or chunked). The benchmark's client
 * shares the machine's two cores with the server it measures; the JDK's
 * {@code HttpClient} spent as much CPU per request as the trivial endpoint it called,
 * this spends next to none.
 */
final class KeepAliveConnection implements Closeable {

	private final Socket socket;

	private final OutputStream out;

	private final InputStream in;

	private final StringBuilder line = new StringBuilder(128);

	KeepAliveConnection(URI server) throws IOException {
		this.socket = new Socket();
		this.socket.setTcpNoDelay(true);
		this.socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 5_000);
		this.socket.setSoTimeout(30_000);
		this.out = new BufferedOutputStream(this.socket.getOutputStream(), 8192);
		this.in = new BufferedInputStream(this.socket.getInputStream(), 8192);
	}

	/** The bytes of a {@code POST} of a JSON body with the given headers. */
	static byte[] post(URI uri, Map<String, String> headers, String body) {
		byte[] content = body.getBytes(StandardCharsets.UTF_8);
		StringBuilder head = new StringBuilder(512);
		head.append("POST ").append(uri.getRawPath()).append(" HTTP/1.1\r\n");
		head.append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
		head.append("Content-Type: application/json\r\n");
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
	int exchange(byte[] request) throws IOException {
		this.out.write(request);
		this.out.flush();
		String status = readLine();
		if (!status.startsWith("HTTP/1.1 ")) {
			throw new IOException("not an HTTP/1.1 answer: " + status);
		}
		int code = Integer.parseInt(status.substring(9, 12));
		long length = -1;
		boolean chunked = false;
		for (String header = readLine(); !header.isEmpty(); header = readLine()) {
			String lower = header.toLowerCase(Locale.ROOT);
			if (lower.startsWith("content-length:")) {
				length = Long.parseLong(lower.substring(15).trim());
			}
			else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
				chunked = true;
			}
		}
		if (chunked) {
			for (long size = Long.parseLong(readLine().trim(), 16); size > 0; size = Long.parseLong(readLine().trim(),
					16)) {
				skip(size);
				readLine();
			}
			while (!readLine().isEmpty()) {
				// trailers
			}
		}
		else if (length > 0) {
			skip(length);
		}
		return code;
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
		this.socket.close();
	}

}
