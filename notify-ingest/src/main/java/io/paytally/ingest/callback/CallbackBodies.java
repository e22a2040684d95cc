package io.paytally.ingest.callback;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import io.paytally.ingest.verification.BodyTooLarge;
import io.paytally.ingest.verification.MalformedCallback;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads a callback body with a cap: a declared length above the limit is refused before a
 * byte is read, and a body without a declared length is read only up to the limit.
 */
public final class CallbackBodies {

	private final int limit;

	public CallbackBodies(long limit) {
		this.limit = (int) limit;
	}

	/**
	 * Reads the body.
	 * @throws BodyTooLarge if it is longer than the limit
	 * @throws MalformedCallback if it ends before its declared length or cannot be read
	 */
	public byte[] read(HttpServletRequest request) {
		long declared = request.getContentLengthLong();
		if (declared > this.limit) {
			throw new BodyTooLarge(this.limit);
		}
		try {
			InputStream in = request.getInputStream();
			if (declared >= 0) {
				byte[] body = new byte[(int) declared];
				int read = in.readNBytes(body, 0, body.length);
				if (read < body.length) {
					throw new MalformedCallback("body (truncated)");
				}
				return body;
			}
			byte[] body = in.readNBytes(this.limit + 1);
			if (body.length > this.limit) {
				throw new BodyTooLarge(this.limit);
			}
			return Arrays.copyOf(body, body.length);
		}
		catch (IOException ex) {
			throw new MalformedCallback("body (unreadable)");
		}
	}

}
