package io.paytally.stream.security;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may call what on stream-app's port: health for anyone; the intake API
 * ({@code POST /payments}, {@code GET /payments/{no}?mchid=}), the order query
 * ({@code GET /orders/{no}?mchid=}), the OpenAPI document and the other actuator
 * endpoints for an authenticated caller, the first three only for the merchants it is
 * allowed; the order query's hop between instances for the instances' own key. Stateless:
 * no session, no cookie, so no CSRF token either (a browser cannot send the key by
 * itself).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiSecurityProperties.class)
public class ApiSecurityConfiguration {

	@Bean
	ApiKeys apiKeys(ApiSecurityProperties properties) {
		return new ApiKeys(properties);
	}

	@Bean
	ApiKeyAuthenticationProvider apiKeyAuthenticationProvider(ApiKeys apiKeys) {
		return new ApiKeyAuthenticationProvider(apiKeys);
	}

	@Bean
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ApiKeyAuthenticationProvider provider)
			throws Exception {
		ApiErrors errors = new ApiErrors();
		AuthenticationFilter apiKeys = new AuthenticationFilter(new ProviderManager(provider), new ApiKeyConverter());
		apiKeys.setSuccessHandler((request, response, authentication) -> {
		});
		apiKeys.setFailureHandler(errors);
		http.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(apiKeys, BasicAuthenticationFilter.class)
			.addFilterBefore(new PaymentBodyFilter(errors), AuthorizationFilter.class)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors))
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/orders/*")
				.access(MerchantScope.ofQuery(true))
				.requestMatchers(HttpMethod.GET, "/payments/*")
				.access(MerchantScope.ofQuery(false))
				.requestMatchers(HttpMethod.POST, "/payments")
				.access(MerchantScope.ofBody())
				.anyRequest()
				.hasRole("CALLER"));
		return http.build();
	}

}
