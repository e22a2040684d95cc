package io.paytally.local.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;

import io.paytally.stream.intake.PaymentStateLookup;
import io.paytally.stream.query.OrderStateQueries;

/**
 * Connects stream-app's payment intake to its interactive queries when stream-app does
 * not do so itself: without a {@link PaymentStateLookup} the intake answers 503. Steps
 * aside as soon as stream-app defines its own.
 */
final class IntakeStateLookup {

	private static final Logger logger = LoggerFactory.getLogger(IntakeStateLookup.class);

	private IntakeStateLookup() {
	}

	static void register(ConfigurableApplicationContext context) {
		context.addBeanFactoryPostProcessor((BeanFactoryPostProcessor) (beanFactory) -> {
			if (beanFactory.getBeanNamesForType(PaymentStateLookup.class, true, false).length > 0) {
				return;
			}
			logger.info("stream-app has no PaymentStateLookup: the intake reads states through OrderStateQueries");
			PaymentStateLookup lookup = (outTradeNo) -> context.getBean(OrderStateQueries.class).find(outTradeNo);
			beanFactory.registerSingleton("localStackPaymentStateLookup", lookup);
		});
	}

}
