package io.paytally.ingest.edge;

import java.time.Clock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.paytally.ingest.IngestProperties;
import io.paytally.ingest.IngestProperties.SourceLimit;
import io.paytally.ingest.callback.CallbackMetrics;
import io.paytally.ingest.callback.RefusalLog;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The source limit on the callback paths, when enabled
 * ({@code paytally.ingest.edge.source-limit.enabled}): right after the public port's path
 * gate, ahead of everything that reads a callback.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("paytally.ingest.edge.source-limit.enabled")
class EdgeConfiguration {

	@Bean
	Tarpit tarpit(IngestProperties properties, MeterRegistry meterRegistry) {
		SourceLimit limit = properties.edge().sourceLimit();
		Tarpit tarpit = new Tarpit(limit.tarpit(), limit.maxHeld());
		Gauge.builder("paytally.ingest.edge.held", tarpit, Tarpit::held)
			.description("answers to limited sources held back now")
			.register(meterRegistry);
		return tarpit;
	}

	@Bean
	SourceLimiter sourceLimiter(IngestProperties properties, Clock clock, MeterRegistry meterRegistry) {
		SourceLimiter limiter = new SourceLimiter(properties.edge().sourceLimit(), clock);
		Gauge.builder("paytally.ingest.edge.sources", limiter, SourceLimiter::sources)
			.description("sources whose refusals are remembered")
			.register(meterRegistry);
		return limiter;
	}

	@Bean
	FilterRegistrationBean<SourceLimitFilter> sourceLimitFilter(IngestProperties properties,
			SourceLimiter sourceLimiter, Tarpit tarpit, CallbackMetrics callbackMetrics, RefusalLog refusalLog) {
		SourceLimit limit = properties.edge().sourceLimit();
		SourceLimitFilter filter = new SourceLimitFilter(new ClientSources(properties.edge().trustedProxies()),
				sourceLimiter, tarpit, callbackMetrics, refusalLog, limit.maxRefusals(), limit.window(), limit.hold());
		FilterRegistrationBean<SourceLimitFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setName("sourceLimitFilter");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		registration.setAsyncSupported(true);
		registration.addUrlPatterns("/wechatpay/v3/notify/*", "/wechatpay/v2/notify/*");
		return registration;
	}

}
