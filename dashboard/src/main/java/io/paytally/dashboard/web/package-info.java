/**
 * The web layer: the page, its JSON API, the pushed updates and the report files; the one
 * package a security configuration has to cover.
 */
package io.paytally.dashboard.web;
