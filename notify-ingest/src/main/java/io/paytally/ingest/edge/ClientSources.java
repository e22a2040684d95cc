package io.paytally.ingest.edge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.apache.catalina.util.NetMask;

/**
 * The source of a request: the peer's address, or, when the peer is a trusted proxy, the
 * right-most address of {@code X-Forwarded-For} that is not a trusted proxy (each proxy
 * appends the address it was called from; anything left of the first untrusted one was
 * written by the caller and is not believed). An IPv6 source is its /64, the smallest
 * network a host is given. Only IP literals are read; a header entry that is none ends
 * the walk at the last address read, and nothing is ever resolved by DNS.
 */
final class ClientSources {

	/** The header proxies append the address they were called from to. */
	static final String FORWARDED_FOR = "X-Forwarded-For";

	/** The source of a peer that is no IP literal (not expected from the server). */
	static final String UNKNOWN = "unknown";

	private static final int MAX_HOPS = 32;

	private final List<NetMask> trustedProxies;

	/**
	 * @param trustedProxies addresses or CIDR ranges
	 * @throws IllegalArgumentException if one is neither
	 */
	ClientSources(List<String> trustedProxies) {
		List<NetMask> masks = new ArrayList<>();
		for (String proxy : trustedProxies) {
			String address = proxy.trim();
			int slash = address.indexOf('/');
			if (literal((slash >= 0) ? address.substring(0, slash) : address) == null) {
				throw new IllegalArgumentException(
						"paytally.ingest.edge.trusted-proxies: not an IP address or CIDR range: " + proxy);
			}
			masks.add(new NetMask(address));
		}
		this.trustedProxies = List.copyOf(masks);
	}

	/**
	 * The source of a request.
	 * @param peer the peer's address ({@code getRemoteAddr()})
	 * @param forwardedFor the {@code X-Forwarded-For} headers, in order (may be null)
	 * @return the source's key: an IPv4 address, an IPv6 /64, or {@link #UNKNOWN}
	 */
	String resolve(String peer, Enumeration<String> forwardedFor) {
		InetAddress source = literal(peer);
		if (source == null) {
			return UNKNOWN;
		}
		if (!isTrusted(source) || forwardedFor == null) {
			return key(source);
		}
		List<String> hops = new ArrayList<>();
		for (String header : Collections.list(forwardedFor)) {
			for (String hop : header.split(",", MAX_HOPS + 1)) {
				hops.add(hop);
			}
		}
		for (int i = hops.size() - 1; i >= Math.max(0, hops.size() - MAX_HOPS); i--) {
			InetAddress hop = literal(hops.get(i));
			if (hop == null) {
				break;
			}
			source = hop;
			if (!isTrusted(hop)) {
				break;
			}
		}
		return key(source);
	}

	private boolean isTrusted(InetAddress address) {
		for (NetMask proxy : this.trustedProxies) {
			if (proxy.matches(address)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The key of an address: IPv4 as such, IPv6 as its /64.
	 */
	static String key(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (bytes.length == 4) {
			return address.getHostAddress();
		}
		byte[] network = new byte[16];
		System.arraycopy(bytes, 0, network, 0, 8);
		try {
			return InetAddress.getByAddress(network).getHostAddress() + "/64";
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("16 bytes are an IPv6 address", ex);
		}
	}

	/**
	 * The address of an IP literal ({@code 203.0.113.7}, {@code 2001:db8::1},
	 * {@code [2001:db8::1]:443}, {@code 203.0.113.7:443}), or null when the text is none.
	 */
	static InetAddress literal(String text) {
		if (text == null) {
			return null;
		}
		String address = text.trim();
		if (address.startsWith("[")) {
			int end = address.indexOf(']');
			if (end < 0) {
				return null;
			}
			address = address.substring(1, end);
		}
		else if (address.indexOf(':') >= 0 && address.indexOf(':') == address.lastIndexOf(':')) {
			address = address.substring(0, address.indexOf(':'));
		}
		if (address.isEmpty() || address.length() > 45) {
			return null;
		}
		if (address.indexOf(':') < 0) {
			return ipv4(address);
		}
		for (int i = 0; i < address.length(); i++) {
			char c = address.charAt(i);
			boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
			if (!hex && c != ':' && c != '.') {
				return null;
			}
		}
		try {
			// a text with a colon is read as an IPv6 literal only, never looked up
			return InetAddress.getByName(address);
		}
		catch (UnknownHostException ex) {
			// not an IPv6 literal after all: no address, as documented
			return null;
		}
	}

	private static InetAddress ipv4(String address) {
		String[] parts = address.split("\\.", -1);
		if (parts.length != 4) {
			return null;
		}
		byte[] bytes = new byte[4];
		for (int i = 0; i < 4; i++) {
			String part = parts[i];
			if (part.isEmpty() || part.length() > 3) {
				return null;
			}
			int value = 0;
			for (int j = 0; j < part.length(); j++) {
				char c = part.charAt(j);
				if (c < '0' || c > '9') {
					return null;
				}
				value = value * 10 + (c - '0');
			}
			if (value > 255) {
				return null;
			}
			bytes[i] = (byte) value;
		}
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("4 bytes are an IPv4 address", ex);
		}
	}

}
