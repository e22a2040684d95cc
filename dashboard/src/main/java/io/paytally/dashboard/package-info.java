/**
 * The dashboard service: a pure consumer of the state topics that serves a live web page.
 */
package io.paytally.dashboard;
