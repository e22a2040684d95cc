package io.paytally.ingest.callback;

import java.io.IOException;

import io.paytally.ingest.publish.BrokerUnavailable;
import io.paytally.ingest.publish.NotificationPublisher;
import io.paytally.ingest.verification.CallbackContext;
import io.paytally.ingest.verification.CallbackRefused;
import io.paytally.ingest.verification.V3CallbackVerifier;
import io.paytally.ingest.verification.V3Headers;
import io.paytally.ingest.verification.VerifiedNotification;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * {@code POST /wechatpay/v3/notify/{mchid}}: WeChat Pay's v3 callbacks, payments and
 * refunds alike (the event type tells). 200 only after the broker's acknowledgement. A
 * plain servlet, mapped ahead of Spring MVC's dispatcher: the callback is the hot path,
 * and handler lookup, argument resolution, message converters and exception resolvers
 * cost as much as the verification itself. Every other outcome is answered by
 * {@link CallbackAdvice}, as for the v2 endpoint.
 */
class V3CallbackServlet extends HttpServlet {

	/** The servlet mapping: the merchant id is the path after it. */
	static final String MAPPING = "/wechatpay/v3/notify/*";

	private static final long serialVersionUID = 1L;

	private static final Logger log = LoggerFactory.getLogger(V3CallbackServlet.class);

	private final transient CallbackBodies bodies;

	private final transient V3CallbackVerifier verifier;

	private final transient NotificationPublisher publisher;

	private final transient CallbackMetrics metrics;

	private final transient CallbackAdvice failures;

	V3CallbackServlet(CallbackBodies bodies, V3CallbackVerifier verifier, NotificationPublisher publisher,
			CallbackMetrics metrics, CallbackAdvice failures) {
		this.bodies = bodies;
		this.verifier = verifier;
		this.publisher = publisher;
		this.metrics = metrics;
		this.failures = failures;
	}

	@Override
	protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String mchid = mchid(request.getPathInfo());
		if (mchid == null) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		CallbackContext context = new CallbackContext("v3", mchid);
		ResponseEntity<byte[]> failure;
		try {
			handle(mchid, request, context);
			write(response, 200, Replies.V3_SUCCESS);
			return;
		}
		catch (CallbackRefused ex) {
			failure = this.failures.refused(ex, context);
		}
		catch (BrokerUnavailable ex) {
			failure = this.failures.unavailable(ex, context);
		}
		catch (RuntimeException ex) {
			failure = this.failures.unexpected(ex, context);
		}
		write(response, failure.getStatusCode().value(), failure.getBody());
	}

	private void handle(String mchid, HttpServletRequest request, CallbackContext context) {
		this.metrics.received("v3");
		byte[] body = this.bodies.read(request);
		V3Headers headers = new V3Headers(request.getHeader(V3Headers.TIMESTAMP), request.getHeader(V3Headers.NONCE),
				request.getHeader(V3Headers.SIGNATURE), request.getHeader(V3Headers.SERIAL),
				request.getHeader(V3Headers.SIGNATURE_TYPE));
		VerifiedNotification notification = this.verifier.verify(mchid, headers, body, context);
		this.publisher.publish(notification);
		this.metrics.accepted("v3", notification.kind());
		if (notification instanceof VerifiedNotification.Unknown unknown) {
			this.metrics.unknownEvent(unknown.notification().eventType());
			log.warn(
					"Kept v3 callback of event type {} that paytally does not handle, of merchant {}: notification_id={}"
							+ " on {}",
					unknown.notification().eventType(), context.mchid(), context.notificationId(),
					notification.topic().topicName());
			return;
		}
		if (log.isInfoEnabled()) {
			log.info("Accepted v3 {} callback of merchant {}: notification_id={} out_trade_no={} key={}",
					notification.kind(), context.mchid(), context.notificationId(), context.outTradeNo(),
					CallbackContext.safe(notification.key()));
		}
	}

	/**
	 * The merchant id of a path info such as {@code /1900000001}, or {@code null} when
	 * there is none or more than one segment (no such endpoint).
	 */
	static String mchid(String pathInfo) {
		if (pathInfo == null || pathInfo.length() < 2 || pathInfo.indexOf('/', 1) >= 0) {
			return null;
		}
		return pathInfo.substring(1);
	}

	private static void write(HttpServletResponse response, int status, byte[] body) throws IOException {
		response.setStatus(status);
		response.setHeader(HttpHeaders.CONTENT_TYPE, Replies.JSON_UTF8);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
