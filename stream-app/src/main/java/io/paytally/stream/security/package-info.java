/**
 * Who may call stream-app's APIs: callers authenticated by API key, each scoped to its
 * merchants, and the instances' own key for the hop between them.
 */
package io.paytally.stream.security;
