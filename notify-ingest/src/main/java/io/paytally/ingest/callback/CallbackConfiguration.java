package io.paytally.ingest.callback;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.paytally.ingest.IngestProperties;
import io.paytally.ingest.publish.NotificationPublisher;
import io.paytally.ingest.verification.Merchants;
import io.paytally.ingest.verification.ReplayWindow;
import io.paytally.ingest.verification.V3CallbackVerifier;
import io.paytally.wechat.WechatPayProperties;

import org.slf4j.LoggerFactory;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The callback flow's parts, built once: merchants with their SDK parsers, the replay
 * window, the body reader, the counters, the rate-limited refusal log, the public port's
 * path gate and the v3 callback servlet (mapped ahead of Spring MVC's dispatcher).
 */
@Configuration(proxyBeanMethods = false)
class CallbackConfiguration {

	@Bean
	Merchants merchants(WechatPayProperties properties) {
		return new Merchants(properties);
	}

	@Bean
	V3CallbackVerifier v3CallbackVerifier(Merchants merchants, IngestProperties properties, Clock clock) {
		return new V3CallbackVerifier(merchants, new ReplayWindow(clock, properties.replayWindow()), clock);
	}

	@Bean
	CallbackBodies callbackBodies(IngestProperties properties) {
		return new CallbackBodies(properties.maxBodySize().toBytes());
	}

	@Bean
	CallbackMetrics callbackMetrics(MeterRegistry meterRegistry) {
		return new CallbackMetrics(meterRegistry);
	}

	@Bean
	RefusalLog refusalLog(IngestProperties properties, Clock clock) {
		return new RefusalLog(LoggerFactory.getLogger(CallbackAdvice.class), clock, properties.refusalWarnPerMinute());
	}

	/**
	 * The public port's gate: nothing but the callback paths. Registered on the
	 * application's server only; the actuator is on the management server
	 * ({@code management.server.port}).
	 */
	@Bean
	FilterRegistrationBean<PublicPathFilter> publicPathFilter(CallbackMetrics callbackMetrics, RefusalLog refusalLog) {
		FilterRegistrationBean<PublicPathFilter> registration = new FilterRegistrationBean<>(
				new PublicPathFilter(callbackMetrics, refusalLog));
		registration.setName("publicPathFilter");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.addUrlPatterns("/*");
		return registration;
	}

	@Bean
	ServletRegistrationBean<V3CallbackServlet> v3CallbackServlet(CallbackBodies callbackBodies,
			V3CallbackVerifier v3CallbackVerifier, NotificationPublisher notificationPublisher,
			CallbackMetrics callbackMetrics, CallbackAdvice callbackAdvice) {
		ServletRegistrationBean<V3CallbackServlet> registration = new ServletRegistrationBean<>(
				new V3CallbackServlet(callbackBodies, v3CallbackVerifier, notificationPublisher, callbackMetrics,
						callbackAdvice),
				V3CallbackServlet.MAPPING);
		registration.setName("v3CallbackServlet");
		registration.setLoadOnStartup(1);
		return registration;
	}

}
