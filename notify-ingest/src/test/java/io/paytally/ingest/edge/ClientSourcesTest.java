package io.paytally.ingest.edge;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientSourcesTest {

	private final ClientSources untrusting = new ClientSources(List.of());

	private final ClientSources behindProxies = new ClientSources(
			List.of("127.0.0.1", "10.0.0.0/8", "2001:db8:f::/48"));

	@Test
	void isThePeerWhenNoProxyIsTrusted() {
		assertThat(this.untrusting.resolve("203.0.113.7", headers("198.51.100.1"))).isEqualTo("203.0.113.7");
		assertThat(this.untrusting.resolve("127.0.0.1", headers("198.51.100.1"))).isEqualTo("127.0.0.1");
	}

	@Test
	void ignoresTheHeaderFromAnUntrustedPeer() {
		assertThat(this.behindProxies.resolve("203.0.113.7", headers("10.1.1.1"))).isEqualTo("203.0.113.7");
	}

	@Test
	void isTheRightMostUntrustedAddressBehindTrustedProxies() {
		assertThat(this.behindProxies.resolve("127.0.0.1", headers("203.0.113.7"))).isEqualTo("203.0.113.7");
		assertThat(this.behindProxies.resolve("10.0.0.5", headers("203.0.113.7, 10.2.3.4"))).isEqualTo("203.0.113.7");
		assertThat(this.behindProxies.resolve("10.0.0.5", headers("203.0.113.7", "10.2.3.4"))).isEqualTo("203.0.113.7");
	}

	@Test
	void doesNotBelieveWhatTheCallerWroteLeftOfItsOwnAddress() {
		// the caller spoofs a header; the proxy appends the caller's real address
		assertThat(this.behindProxies.resolve("127.0.0.1", headers("101.226.103.1, 10.9.9.9, 203.0.113.7")))
			.isEqualTo("203.0.113.7");
	}

	@Test
	void stopsAtTheLastAddressReadWhenAnEntryIsNoAddress() {
		assertThat(this.behindProxies.resolve("127.0.0.1", headers("evil.example, 10.2.3.4"))).isEqualTo("10.2.3.4");
		assertThat(this.behindProxies.resolve("127.0.0.1", headers("999.1.1.1"))).isEqualTo("127.0.0.1");
		assertThat(this.behindProxies.resolve("127.0.0.1", headers("unknown"))).isEqualTo("127.0.0.1");
		assertThat(this.behindProxies.resolve("127.0.0.1", headers(""))).isEqualTo("127.0.0.1");
	}

	@Test
	void isThePeerWhenATrustedProxySendsNoHeader() {
		assertThat(this.behindProxies.resolve("127.0.0.1", null)).isEqualTo("127.0.0.1");
		assertThat(this.behindProxies.resolve("127.0.0.1", Collections.emptyEnumeration())).isEqualTo("127.0.0.1");
	}

	@Test
	void readsAddressesWithPortsAndBrackets() {
		assertThat(this.behindProxies.resolve("127.0.0.1", headers("203.0.113.7:51234"))).isEqualTo("203.0.113.7");
		assertThat(this.behindProxies.resolve("127.0.0.1", headers("[2001:db8:1:2::9]:443")))
			.isEqualTo("2001:db8:1:2:0:0:0:0/64");
	}

	@Test
	void keysIpv6SourcesByTheirSlash64() {
		assertThat(this.untrusting.resolve("2001:db8:1:2:aaaa::1", null)).isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(this.untrusting.resolve("2001:db8:1:2:bbbb::2", null)).isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(this.untrusting.resolve("2001:db8:1:3::1", null)).isEqualTo("2001:db8:1:3:0:0:0:0/64");
		assertThat(this.untrusting.resolve("::ffff:203.0.113.7", null)).isEqualTo("203.0.113.7");
	}

	@Test
	void trustsIpv6Proxies() {
		assertThat(this.behindProxies.resolve("2001:db8:f:1::5", headers("2001:db8:2::7, 2001:db8:f:2::1")))
			.isEqualTo("2001:db8:2:0:0:0:0:0/64");
		assertThat(this.behindProxies.resolve("2001:db8:e::5", headers("203.0.113.7")))
			.isEqualTo("2001:db8:e:0:0:0:0:0/64");
	}

	@Test
	void isTheLeftMostAddressWhenEveryHopIsTrusted() {
		assertThat(this.behindProxies.resolve("127.0.0.1", headers("10.1.1.1, 10.2.2.2"))).isEqualTo("10.1.1.1");
	}

	@Test
	void neverLooksUpNames() {
		assertThat(ClientSources.literal("localhost")).isNull();
		assertThat(ClientSources.literal("abcd")).isNull();
		assertThat(ClientSources.literal("1.2.3")).isNull();
		assertThat(ClientSources.literal("\u0661.2.3.4")).isNull();
		assertThat(ClientSources.literal("fe80::1%eth0")).isNull();
		assertThat(ClientSources.literal("::zz")).isNull();
	}

	@Test
	void refusesTrustedProxiesThatAreNoAddresses() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientSources(List.of("proxy.internal")))
			.withMessageContaining("trusted-proxies");
	}

	private static java.util.Enumeration<String> headers(String... values) {
		return Collections.enumeration(List.of(values));
	}

}
