package io.paytally.wechat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SDK clients of every merchant served, built once at start-up.
 */
public final class WechatPayDirectory {

	private final Map<String, WechatPayClients> clients = new LinkedHashMap<>();

	public WechatPayDirectory(WechatPayProperties properties) {
		for (MerchantProperties merchant : properties.merchants()) {
			this.clients.put(merchant.mchid(), new WechatPayClients(properties, merchant));
		}
	}

	/** The clients of a merchant, if it is one we serve. */
	public Optional<WechatPayClients> find(String mchid) {
		return Optional.ofNullable((mchid != null) ? this.clients.get(mchid) : null);
	}

	/** The clients of a merchant we serve. */
	public WechatPayClients get(String mchid) {
		return find(mchid).orElseThrow(() -> new UnknownMerchant(mchid));
	}

	/** The merchants served. */
	public Set<String> mchids() {
		return this.clients.keySet();
	}

}
