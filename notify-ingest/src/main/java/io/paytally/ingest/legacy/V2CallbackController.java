package io.paytally.ingest.legacy;

import java.time.Clock;
import java.util.Optional;

import io.paytally.ingest.callback.CallbackBodies;
import io.paytally.ingest.callback.CallbackMetrics;
import io.paytally.ingest.callback.Replies;
import io.paytally.ingest.publish.NotificationPublisher;
import io.paytally.ingest.verification.CallbackContext;
import io.paytally.ingest.verification.Merchants;
import io.paytally.ingest.verification.VerifiedNotification;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /wechatpay/v2/notify/{mchid}}: legacy XML payment and refund callbacks (the
 * merchant may give the same URL for both), answered with WeChat's XML SUCCESS only after
 * the broker's acknowledgement.
 */
@RestController
public class V2CallbackController {

	private static final Logger log = LoggerFactory.getLogger(V2CallbackController.class);

	private final CallbackBodies bodies;

	private final V2CallbackVerifier verifier;

	private final NotificationPublisher publisher;

	private final CallbackMetrics metrics;

	V2CallbackController(CallbackBodies bodies, Merchants merchants, Clock clock, NotificationPublisher publisher,
			CallbackMetrics metrics) {
		this.bodies = bodies;
		this.verifier = new V2CallbackVerifier(merchants, clock);
		this.publisher = publisher;
		this.metrics = metrics;
	}

	@PostMapping("/wechatpay/v2/notify/{mchid}")
	ResponseEntity<byte[]> notify(@PathVariable String mchid, HttpServletRequest request) {
		CallbackContext context = new CallbackContext("v2", mchid);
		request.setAttribute(CallbackContext.ATTRIBUTE, context);
		this.metrics.received("v2");
		byte[] body = this.bodies.read(request);
		Optional<VerifiedNotification> notification = this.verifier.verify(mchid, body, context);
		if (notification.isPresent()) {
			this.publisher.publish(notification.get());
			this.metrics.accepted("v2", notification.get().kind());
			log.info("Accepted v2 {} callback of merchant {}: notification_id={} out_trade_no={}",
					notification.get().kind(), context.mchid(), context.notificationId(), context.outTradeNo());
		}
		else {
			this.metrics.accepted("v2", "failed_payment");
			log.info("Acknowledged v2 callback of merchant {} reporting a failed payment: out_trade_no={}",
					context.mchid(), context.outTradeNo());
		}
		return Replies.v2Success();
	}

}
