package io.paytally.stream.security;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The callers of the intake and query APIs ({@code paytally.security.*}).
 *
 * @param callers the merchants' order systems and tools allowed to call, each with its
 * key (as its SHA-256, or a file holding the key) and its merchants
 * @param instanceKey the key the stream-app instances present to each other on the hop of
 * an order query to the instance holding the order; the same on every instance (generated
 * at start when neither this nor {@code instance-key-file} is given: enough for a single
 * instance)
 * @param instanceKeyFile a file holding the instance key
 */
@ConfigurationProperties("paytally.security")
public record ApiSecurityProperties(List<Caller> callers, String instanceKey, Path instanceKeyFile) {

	public ApiSecurityProperties {
		callers = (callers != null) ? List.copyOf(callers) : List.of();
	}

	/**
	 * One caller.
	 *
	 * @param name who it is, as logs name it (e.g. {@code order-system})
	 * @param keySha256 the SHA-256 of its key, 64 hex digits
	 * @param keyFile or a file holding the key itself (e.g. a mounted secret)
	 * @param merchants the merchant ids it may act for
	 */
	public record Caller(String name, String keySha256, Path keyFile, Set<String> merchants) {

		public Caller {
			merchants = (merchants != null) ? Set.copyOf(merchants) : Set.of();
		}

	}

}
