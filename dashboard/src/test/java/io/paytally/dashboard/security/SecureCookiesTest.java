package io.paytally.dashboard.security;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session cookie (Spring Boot's {@code server.servlet.session.cookie.*}) and the CSRF
 * cookie ({@link LoginProperties#secureCookies()}) as {@code dashboard.yml} configures
 * them: Secure unless {@code PAYTALLY_DASHBOARD_SECURE_COOKIES=false} says otherwise. The
 * ITs run on plain http with Secure off, so the default is checked here.
 */
class SecureCookiesTest {

	@Test
	void keepsTheSessionAndCsrfCookiesSecureHttpOnlyAndSameSiteByDefault() throws IOException {
		Binder binder = Binder.get(environment(Map.of()));

		assertThat(binder.bind("server.servlet.session.cookie.secure", Boolean.class).get()).isTrue();
		assertThat(binder.bind("server.servlet.session.cookie.http-only", Boolean.class).get()).isTrue();
		assertThat(binder.bind("server.servlet.session.cookie.same-site", String.class).get()).isEqualTo("lax");
		assertThat(login(binder).secureCookies()).isTrue();
	}

	@Test
	void dropsSecureFromBothCookiesOnlyWhenTold() throws IOException {
		Binder binder = Binder.get(environment(Map.of("PAYTALLY_DASHBOARD_SECURE_COOKIES", "false")));

		assertThat(binder.bind("server.servlet.session.cookie.secure", Boolean.class).get()).isFalse();
		assertThat(binder.bind("server.servlet.session.cookie.http-only", Boolean.class).get()).isTrue();
		assertThat(login(binder).secureCookies()).isFalse();
	}

	private static LoginProperties login(Binder binder) {
		return binder.bindOrCreate("paytally.dashboard.login", Bindable.of(LoginProperties.class));
	}

	/** The dashboard's own settings file, below the given environment variables. */
	private static StandardEnvironment environment(Map<String, Object> variables) throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
		new YamlPropertySourceLoader().load("dashboard.yml", new ClassPathResource("dashboard.yml"))
			.forEach(environment.getPropertySources()::addLast);
		return environment;
	}

}
