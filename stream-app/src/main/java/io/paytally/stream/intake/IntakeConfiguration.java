package io.paytally.stream.intake;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

import io.paytally.schemas.OrderPaymentState;
import io.paytally.stream.intake.prepay.SdkWechatPrepay;
import io.paytally.stream.query.OrderStateQueries;
import io.paytally.wechat.MerchantProperties;
import io.paytally.wechat.WechatPayDirectory;
import io.paytally.wechat.WechatPayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the payment intake into the stream-app. The payment states come from the stream's
 * interactive queries ({@link OrderStateQueries}, routed to the instance that holds the
 * order) unless a {@link PaymentStateLookup} bean is given; without either the API
 * answers 503 rather than keeping the application from starting. The WeChat clients, the
 * {@link Clock} and the Kafka settings are taken from the context when present.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ IntakeProperties.class, WechatPayProperties.class })
class IntakeConfiguration {

	private static final Logger log = LoggerFactory.getLogger(IntakeConfiguration.class);

	@Bean(destroyMethod = "close")
	KafkaOrderEvents intakeOrderEvents(IntakeProperties settings, ObjectProvider<KafkaProperties> kafka) {
		return KafkaOrderEvents.create(kafka.getIfAvailable(KafkaProperties::new).buildProducerProperties(),
				settings.publishTimeout());
	}

	@Bean
	SdkWechatPrepay intakeWechatPrepay(WechatPayProperties wechat, ObjectProvider<WechatPayDirectory> directory) {
		return new SdkWechatPrepay(directory.getIfUnique(() -> new WechatPayDirectory(wechat)));
	}

	@Bean
	PaymentIntake paymentIntake(IntakeProperties settings, WechatPayProperties wechat,
			ObjectProvider<PaymentStateLookup> states, ObjectProvider<OrderStateQueries> orderStateQueries,
			SdkWechatPrepay intakeWechatPrepay, KafkaOrderEvents intakeOrderEvents, ObjectProvider<Clock> clock) {
		PaymentStateLookup lookup = states.getIfUnique(() -> {
			OrderStateQueries queries = orderStateQueries.getIfUnique();
			if (queries != null) {
				return queries::find;
			}
			log.warn("No OrderStateQueries in the context: POST/GET /payments answer 503 until one is wired");
			return IntakeConfiguration::noState;
		});
		PaymentRequestValidator validator = new PaymentRequestValidator((mchid) -> wechat.merchant(mchid).isPresent());
		return new PaymentIntake(settings, validator, lookup, intakeWechatPrepay, intakeOrderEvents,
				notifyUrls(settings, wechat), clock.getIfUnique(Clock::systemUTC));
	}

	/**
	 * The notify_url of a merchant: its own {@code notify-url}, else the
	 * {@code paytally.intake.notify-url} template with {@code {mchid}} replaced.
	 */
	static Function<String, String> notifyUrls(IntakeProperties settings, WechatPayProperties wechat) {
		for (MerchantProperties merchant : wechat.merchants()) {
			if (isBlank(merchant.notifyUrl()) && isBlank(settings.notifyUrl())) {
				log.warn("Merchant {} has no notify-url and paytally.intake.notify-url is not set: "
						+ "its payments cannot be created", merchant.mchid());
			}
		}
		return (mchid) -> {
			Optional<String> own = wechat.merchant(mchid).map(MerchantProperties::notifyUrl).filter((u) -> !isBlank(u));
			if (own.isPresent()) {
				return own.get();
			}
			if (!isBlank(settings.notifyUrl())) {
				return settings.notifyUrl().replace("{mchid}", mchid);
			}
			throw new IllegalStateException(
					"No notify URL for merchant " + mchid + ": set its notify-url or paytally.intake.notify-url");
		};
	}

	private static Optional<OrderPaymentState> noState(String mchid, String outTradeNo) {
		throw new IllegalStateException("no payment state lookup is wired into this application");
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
