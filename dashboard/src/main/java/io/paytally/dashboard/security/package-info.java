/**
 * Who may see what on the dashboard: form login against users kept by Spring Security's
 * {@code JdbcUserDetailsManager}, the roles operations, finance and administrator,
 * one-time passwords, CSRF tokens for the page's writes, and the administrator's users
 * page.
 */
package io.paytally.dashboard.security;
