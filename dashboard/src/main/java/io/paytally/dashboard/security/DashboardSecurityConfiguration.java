package io.paytally.dashboard.security;

import javax.sql.DataSource;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may see what on the dashboard, by path:
 * <ul>
 * <li>the login page and health: anyone; the management port (health, metrics,
 * Prometheus, on the loopback or a private address): anyone who reaches it;</li>
 * <li>the page, its script and styles: operations, finance and administrators;</li>
 * <li>anomalies, statements, their reports and the event stream ({@code GET}), the
 * statement runs and asking for one ({@code /api/statement-runs}): operations and
 * finance;</li>
 * <li>every other {@code /api/**} request, reads and writes ({@code POST}) alike, and
 * whatever else the service serves: operations only, so finance is read-only;</li>
 * <li>{@code /admin/**} (the users): administrators;</li>
 * <li>the own password ({@code /account/**}) and who is logged in ({@code GET /api/me}):
 * any logged-in user, the only things a user with a one-time password may reach.</li>
 * </ul>
 * Unauthenticated, a page redirects to the login form and {@code /api/**},
 * {@code /admin/api/**} and {@code /account/api/**} answer 401. Every {@code POST}
 * carries the CSRF token (the {@code XSRF-TOKEN} cookie sent back as
 * {@code X-XSRF-TOKEN}); the session cookie is HttpOnly, SameSite=Lax and Secure unless
 * {@code paytally.dashboard.login.secure-cookies} is false.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoginProperties.class)
public class DashboardSecurityConfiguration {

	private static final String OPERATIONS = Role.OPERATIONS.name();

	private static final String FINANCE = Role.FINANCE.name();

	private static final String ADMIN = Role.ADMIN.name();

	/** The password page a user with a one-time password is sent to. */
	static final String PASSWORD_PAGE = "/account/password.html";

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	DashboardUsers dashboardUsers(LoginProperties properties, PasswordEncoder encoder) {
		// the dashboard's own database, apart from any other service's
		DataSource dataSource = DataSourceBuilder.create()
			.url(properties.jdbcUrl())
			.username(properties.username())
			.password(properties.password())
			.build();
		return new DashboardUsers(dataSource, encoder);
	}

	@Bean
	FirstUsers firstUsers(DashboardUsers users, LoginProperties properties, PasswordEncoder encoder) {
		return new FirstUsers(users, properties, encoder);
	}

	@Bean
	SessionRegistry sessionRegistry() {
		return new SessionRegistryImpl();
	}

	@Bean
	static HttpSessionEventPublisher httpSessionEventPublisher() {
		return new HttpSessionEventPublisher();
	}

	@Bean
	SecurityFilterChain dashboardSecurityFilterChain(HttpSecurity http, LoginProperties properties,
			SessionRegistry sessionRegistry, ServletContext mainContext) throws Exception {
		RequestMatcher apis = new OrRequestMatcher(path("/api/**"), path("/admin/api/**"), path("/account/api/**"));
		CookieCsrfTokenRepository csrfCookie = CookieCsrfTokenRepository.withHttpOnlyFalse();
		csrfCookie.setCookieCustomizer((cookie) -> cookie.secure(properties.secureCookies()).sameSite("Lax"));
		// after the login, back to the page asked for: never to an API answer (the page's
		// own calls while logged out)
		HttpSessionRequestCache pages = new HttpSessionRequestCache();
		pages.setRequestMatcher(new AndRequestMatcher(PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/**"),
				new NegatedRequestMatcher(apis)));
		http.csrf((csrf) -> csrf.spa().csrfTokenRepository(csrfCookie))
			.requestCache((cache) -> cache.requestCache(pages))
			.addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class)
			.formLogin((login) -> login.defaultSuccessUrl("/", false))
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout").deleteCookies("JSESSIONID"))
			.httpBasic((basic) -> basic.disable())
			.sessionManagement((session) -> session.maximumSessions(-1)
				.sessionRegistry(sessionRegistry)
				.expiredSessionStrategy((event) -> {
					// a session ended by an administrator (password reset, user disabled)
					if (apis.matches(event.getRequest())) {
						event.getResponse().sendError(HttpStatus.UNAUTHORIZED.value());
					}
					else {
						event.getResponse().sendRedirect("/login");
					}
				}))
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), apis)
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), (request) -> true)
				.accessDeniedHandler(accessDenied(apis)))
			.authorizeHttpRequests((requests) -> requests
				.dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR)
				.permitAll()
				// the management port (health, metrics, Prometheus) is bound to the
				// loopback
				// or a private network address, as notify-ingest's: no login there
				.requestMatchers(onManagementPort(mainContext))
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
				.permitAll()
				.requestMatchers("/login", "/favicon.ico")
				.permitAll()
				.requestMatchers("/account/**", "/security.js", "/dashboard.css")
				.authenticated()
				.requestMatchers(HttpMethod.GET, "/api/me")
				.authenticated()
				.requestMatchers("/admin/**")
				.hasRole(ADMIN)
				.requestMatchers(HttpMethod.GET, "/", "/index.html", "/dashboard.js", "/i18n.js", "/webjars/**")
				.hasAnyRole(OPERATIONS, FINANCE, ADMIN)
				.requestMatchers(HttpMethod.GET, "/api/anomalies", "/api/statements", "/api/events", "/reports/**")
				.hasAnyRole(OPERATIONS, FINANCE)
				// finance asks for a statement (again) and follows the run
				.requestMatchers("/api/statement-runs")
				.hasAnyRole(OPERATIONS, FINANCE)
				.requestMatchers("/api/**")
				.hasRole(OPERATIONS)
				.anyRequest()
				.hasRole(OPERATIONS));
		return http.build();
	}

	/**
	 * A request served by the management server: with {@code management.server.port} set,
	 * Spring Boot runs the actuator in a child context with a servlet context of its own,
	 * and applies this filter chain there too.
	 */
	private static RequestMatcher onManagementPort(ServletContext mainContext) {
		return (request) -> request.getServletContext() != mainContext;
	}

	/**
	 * A user with a one-time password is sent to the password page (a page) or told so
	 * (the API); anyone else refused gets 403.
	 */
	private static AccessDeniedHandler accessDenied(RequestMatcher apis) {
		AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl();
		return (request, response, ex) -> {
			if (mustChangePassword() && !apis.matches(request) && isPageRead(request)) {
				response.sendRedirect(PASSWORD_PAGE);
				return;
			}
			if (apis.matches(request)) {
				response.setStatus(HttpStatus.FORBIDDEN.value());
				response.setContentType("application/json");
				response.getWriter()
					.write("{\"error\":\"" + (mustChangePassword() ? "PASSWORD_CHANGE_REQUIRED" : "FORBIDDEN") + "\"}");
				return;
			}
			forbidden.handle(request, response, ex);
		};
	}

	private static boolean isPageRead(HttpServletRequest request) {
		return HttpMethod.GET.matches(request.getMethod());
	}

	private static boolean mustChangePassword() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> DashboardUsers.PASSWORD_CHANGE_REQUIRED.equals(authority.getAuthority()));
	}

	private static RequestMatcher path(String pattern) {
		return PathPatternRequestMatcher.pathPattern(pattern);
	}

}
