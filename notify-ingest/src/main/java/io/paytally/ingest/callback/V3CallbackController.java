package io.paytally.ingest.callback;

import io.paytally.ingest.publish.NotificationPublisher;
import io.paytally.ingest.verification.CallbackContext;
import io.paytally.ingest.verification.V3CallbackVerifier;
import io.paytally.ingest.verification.V3Headers;
import io.paytally.ingest.verification.VerifiedNotification;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /wechatpay/v3/notify/{mchid}}: WeChat Pay's v3 callbacks, payments and
 * refunds alike (the event type tells). 200 only after the broker's acknowledgement.
 */
@RestController
class V3CallbackController {

	private static final Logger log = LoggerFactory.getLogger(V3CallbackController.class);

	private final CallbackBodies bodies;

	private final V3CallbackVerifier verifier;

	private final NotificationPublisher publisher;

	private final CallbackMetrics metrics;

	V3CallbackController(CallbackBodies bodies, V3CallbackVerifier verifier, NotificationPublisher publisher,
			CallbackMetrics metrics) {
		this.bodies = bodies;
		this.verifier = verifier;
		this.publisher = publisher;
		this.metrics = metrics;
	}

	@PostMapping("/wechatpay/v3/notify/{mchid}")
	ResponseEntity<byte[]> notify(@PathVariable String mchid, HttpServletRequest request) {
		CallbackContext context = new CallbackContext("v3", mchid);
		request.setAttribute(CallbackContext.ATTRIBUTE, context);
		this.metrics.received("v3");
		byte[] body = this.bodies.read(request);
		V3Headers headers = new V3Headers(request.getHeader(V3Headers.TIMESTAMP), request.getHeader(V3Headers.NONCE),
				request.getHeader(V3Headers.SIGNATURE), request.getHeader(V3Headers.SERIAL),
				request.getHeader(V3Headers.SIGNATURE_TYPE));
		VerifiedNotification notification = this.verifier.verify(mchid, headers, body, context);
		this.publisher.publish(notification);
		this.metrics.accepted("v3", notification.kind());
		if (log.isInfoEnabled()) {
			log.info("Accepted v3 {} callback of merchant {}: notification_id={} out_trade_no={} key={}",
					notification.kind(), context.mchid(), context.notificationId(), context.outTradeNo(),
					CallbackContext.safe(notification.key()));
		}
		return Replies.v3Success();
	}

}
