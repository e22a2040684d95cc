package io.paytally.sandbox.keys;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The merchants the sandbox serves, by mchid.
 */
public final class MerchantRegistry {

	private final Map<String, MerchantKeys> merchants = new ConcurrentHashMap<>();

	public MerchantKeys add(MerchantKeys merchant) {
		MerchantKeys existing = this.merchants.putIfAbsent(merchant.mchid(), merchant);
		return (existing != null) ? existing : merchant;
	}

	public Optional<MerchantKeys> find(String mchid) {
		return Optional.ofNullable(this.merchants.get(mchid));
	}

	public Collection<MerchantKeys> all() {
		return this.merchants.values();
	}

}
