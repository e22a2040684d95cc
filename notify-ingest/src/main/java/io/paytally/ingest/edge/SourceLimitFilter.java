package io.paytally.ingest.edge;

import java.io.IOException;
import java.time.Duration;

import io.paytally.ingest.callback.CallbackMetrics;
import io.paytally.ingest.callback.RefusalLog;
import io.paytally.ingest.callback.Replies;
import io.paytally.ingest.verification.CallbackContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On the callback paths: a callback from a limited source is answered 429 with WeChat's
 * failure body before anything of it is read, after the tarpit's delay; any other is
 * passed on, and counted against its source if it is refused (answered 4xx). Counted as a
 * refusal ({@code reason=source_limited}, no address in a metric) and logged at the
 * refusal log's limited rate with the source escaped.
 */
class SourceLimitFilter extends OncePerRequestFilter {

	/** The refusal reason of a callback from a limited source. */
	static final String SOURCE_LIMITED = "source_limited";

	/**
	 * The refusal log's budget for the line that says a source is now limited: a budget
	 * of its own, so that the lines of limited callbacks cannot crowd it out.
	 */
	static final String LIMIT_STARTED = "source_limit_started";

	/** The message of the 429 answer. */
	static final String MESSAGE = "too many refused callbacks from this source";

	private static final ResponseEntity<byte[]> V3_LIMITED = Replies.v3Failure(429, MESSAGE);

	private static final ResponseEntity<byte[]> V2_LIMITED = Replies.v2Failure(429, MESSAGE);

	private final ClientSources sources;

	private final SourceLimiter limiter;

	private final Tarpit tarpit;

	private final CallbackMetrics metrics;

	private final RefusalLog refusals;

	private final int maxRefusals;

	private final Duration window;

	private final Duration hold;

	SourceLimitFilter(ClientSources sources, SourceLimiter limiter, Tarpit tarpit, CallbackMetrics metrics,
			RefusalLog refusals, int maxRefusals, Duration window, Duration hold) {
		this.sources = sources;
		this.limiter = limiter;
		this.tarpit = tarpit;
		this.metrics = metrics;
		this.refusals = refusals;
		this.maxRefusals = maxRefusals;
		this.window = window;
		this.hold = hold;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String source = this.sources.resolve(request.getRemoteAddr(), request.getHeaders(ClientSources.FORWARDED_FOR));
		if (this.limiter.isLimited(source)) {
			limited(request, response, source);
			return;
		}
		chain.doFilter(request, response);
		int status = response.getStatus();
		boolean refused = status >= 400 && status < 500 && status != 429;
		if (refused && !request.isAsyncStarted() && this.limiter.refused(source)) {
			this.refusals.refused(LIMIT_STARTED,
					"Limiting source {} for {} s: {} refused callbacks within {} s, its callbacks are answered 429",
					CallbackContext.escape(source), this.hold.toSeconds(), this.maxRefusals, this.window.toSeconds());
		}
	}

	private void limited(HttpServletRequest request, HttpServletResponse response, String source) throws IOException {
		String path = request.getRequestURI();
		boolean v2 = path.startsWith("/wechatpay/v2/");
		String protocol = v2 ? "v2" : "v3";
		ResponseEntity<byte[]> answer = v2 ? V2_LIMITED : V3_LIMITED;
		this.metrics.refused(protocol, SOURCE_LIMITED);
		boolean held = this.tarpit.hold(request, response, (r) -> write(r, answer));
		this.refusals.refused(SOURCE_LIMITED,
				"Refused {} callback of merchant {} from limited source {}: reason={}, answered 429 {}", protocol,
				CallbackContext.safe(path.substring(path.lastIndexOf('/') + 1)), CallbackContext.escape(source),
				SOURCE_LIMITED, held ? "after the tarpit" : "at once (tarpit full)");
		if (!held) {
			write(response, answer);
		}
	}

	private static void write(HttpServletResponse response, ResponseEntity<byte[]> answer) throws IOException {
		byte[] body = answer.getBody();
		response.setStatus(answer.getStatusCode().value());
		response.setContentType(String.valueOf(answer.getHeaders().getContentType()));
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
