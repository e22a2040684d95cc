package io.paytally.stream.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;

import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.TradeState;
import io.paytally.schemas.topics.Topic;
import io.paytally.testkit.KafkaTestBroker;

/**
 * The merchant's notify_url in stream-app's integration tests: a minimal stand-in for
 * notify-ingest (which stream-app must not depend on). Verifies and decrypts payment
 * callbacks with the official SDK and writes them to {@code wxpay.payment-notifications}
 * before answering 200.
 */
final class CallbackBridge implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	private final AtomicInteger received = new AtomicInteger();

	CallbackBridge(NotificationParser parser, KafkaTestBroker broker) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", (exchange) -> {
			String body;
			try (InputStream in = exchange.getRequestBody()) {
				body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			int status;
			try {
				var headers = exchange.getRequestHeaders();
				Transaction tx = parser
					.parse(new RequestParam.Builder().serialNumber(headers.getFirst("Wechatpay-Serial"))
						.nonce(headers.getFirst("Wechatpay-Nonce"))
						.signature(headers.getFirst("Wechatpay-Signature"))
						.timestamp(headers.getFirst("Wechatpay-Timestamp"))
						.signType(headers.getFirst("Wechatpay-Signature-Type"))
						.body(body)
						.build(), Transaction.class);
				PaymentNotification notification = notification(tx);
				broker.send(Topic.PAYMENT_NOTIFICATIONS, notification.key(), notification);
				this.received.incrementAndGet();
				status = 200;
			}
			catch (RuntimeException ex) {
				status = 400;
			}
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/wechatpay/notify";
	}

	int received() {
		return this.received.get();
	}

	static PaymentNotification notification(Transaction tx) {
		return new PaymentNotification("EV-" + tx.getTransactionId(), NotificationSource.CALLBACK_V3, tx.getMchid(),
				tx.getAppid(), tx.getOutTradeNo(), tx.getTransactionId(), TradeState.valueOf(tx.getTradeState().name()),
				(tx.getTradeType() != null) ? tx.getTradeType().name() : null, tx.getBankType(),
				tx.getAmount().getTotal(),
				(tx.getAmount().getPayerTotal() != null) ? (long) tx.getAmount().getPayerTotal() : null, "CNY",
				(tx.getSuccessTime() != null) ? OffsetDateTime.parse(tx.getSuccessTime()).toInstant() : null,
				tx.getAttach(), Instant.now());
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
