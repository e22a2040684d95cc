package io.paytally.stream.intake;

import java.time.Duration;

import io.paytally.stream.intake.order.OutTradeNos;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the payment intake API ({@code paytally.intake.*}). Its producer publishes
 * with Spring Boot's {@code spring.kafka.*} (brokers, {@code spring.kafka.producer.*}).
 *
 * @param defaultPayablePeriod how long a new payment order stays payable when the request
 * gives no {@code time_expire}
 * @param prepayValidity how long WeChat's prepay_id / code_url stay valid (2 h at WeChat)
 * @param maxAttempts the most payment orders one merchant order may have (at most 99)
 * @param notifyUrl the callback URL template for merchants without their own
 * {@code notify-url}; {@code {mchid}} is replaced by the merchant id (e.g.
 * {@code https://pay.example.com/wechatpay/v3/notify/{mchid}})
 * @param publishTimeout how long to wait for the broker's acknowledgement of an
 * OrderCreated
 * @param stateWait how long to wait for the stream's state store to show a new payment
 * order's OrderCreated before prepaying it at WeChat
 * @param inFlightWait how long a request whose {@code time_expire} is too near for a new
 * payment order waits for the state store to show a creation of it already published (a
 * repeat while the stream lags) before it is refused: 503 {@code CREATION_NOT_APPLIED}
 * when this instance published that creation, else 400
 * @param lockTimeout how long a request waits for a concurrent one for the same merchant
 * order on this instance
 * @param retryAfter the Retry-After given with answers that ask to retry later
 */
@ConfigurationProperties("paytally.intake")
public record IntakeProperties(@DefaultValue("2h") Duration defaultPayablePeriod,
		@DefaultValue("2h") Duration prepayValidity, @DefaultValue("20") int maxAttempts, String notifyUrl,
		@DefaultValue("10s") Duration publishTimeout, @DefaultValue("5s") Duration stateWait,
		@DefaultValue("5s") Duration inFlightWait, @DefaultValue("30s") Duration lockTimeout,
		@DefaultValue("30s") Duration retryAfter) {

	public IntakeProperties {
		if (maxAttempts < 1 || maxAttempts > OutTradeNos.MAX_ATTEMPT) {
			throw new IllegalArgumentException(
					"paytally.intake.max-attempts must be between 1 and " + OutTradeNos.MAX_ATTEMPT);
		}
		if (defaultPayablePeriod.compareTo(PaymentRequestValidator.MIN_PAYABLE) < 0
				|| defaultPayablePeriod.compareTo(PaymentRequestValidator.MAX_PAYABLE) > 0) {
			throw new IllegalArgumentException(
					"paytally.intake.default-payable-period must be between 1 minute and 90 days (WeChat's limits)");
		}
	}

	/** The defaults, for tests and embedded use. */
	public static IntakeProperties defaults() {
		return new IntakeProperties(Duration.ofHours(2), Duration.ofHours(2), 20, null, Duration.ofSeconds(10),
				Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30));
	}

}
