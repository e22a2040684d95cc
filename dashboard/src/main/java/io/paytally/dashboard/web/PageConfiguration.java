package io.paytally.dashboard.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the page from {@code classpath:/dashboard-static/}, not Boot's shared
 * {@code static/}: in local-stack's single JVM the other services would otherwise serve
 * it too.
 */
@Configuration(proxyBeanMethods = false)
class PageConfiguration implements WebMvcConfigurer {

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry
			.addResourceHandler("/index.html", "/dashboard.js", "/i18n.js", "/dashboard.css", "/security.js",
					"/account/password.html", "/account/password.js", "/admin/users.html", "/admin/users.js")
			.addResourceLocations("classpath:/dashboard-static/");
	}

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addViewController("/").setViewName("forward:/index.html");
	}

}
