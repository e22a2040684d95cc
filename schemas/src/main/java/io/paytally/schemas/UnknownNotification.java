package io.paytally.schemas;

import java.time.Instant;
import java.util.Objects;

/**
 * A genuine WeChat Pay callback of an event type paytally does not handle (WeChat adds
 * new ones: PAYSCORE.*, MCHTRANSFER.*, ...): its signature verified, it was answered 2xx
 * so that WeChat does not retry it for a day, and it is kept here for operations. The
 * resource stays as WeChat encrypted it (AEAD_AES_256_GCM under the merchant's APIv3 key
 * at the time of receipt): no decrypted personal data is written. Value of
 * {@code wxpay.unknown-notifications}, keyed by {@link #key()} (merchant and notification
 * id).
 *
 * @param notificationId the callback id
 * @param mchid the merchant whose notify URL was called
 * @param eventType the event type, as WeChat sent it
 * @param resourceType the envelope's resource_type, e.g. encrypt-resource
 * @param summary WeChat's summary of the event
 * @param createTime when WeChat created the notification
 * @param originalType the resource's original_type
 * @param algorithm the resource's encryption algorithm
 * @param ciphertext the encrypted resource, Base64, as received
 * @param associatedData the resource's associated data, as received
 * @param nonce the resource's nonce, as received
 * @param receivedAt when paytally received this notification
 */
public record UnknownNotification(String notificationId, String mchid, String eventType, String resourceType,
		String summary, Instant createTime, String originalType, String algorithm, String ciphertext,
		String associatedData, String nonce, Instant receivedAt) {

	public UnknownNotification {
		Objects.requireNonNull(notificationId, "notificationId");
		Objects.requireNonNull(mchid, "mchid");
		Objects.requireNonNull(eventType, "eventType");
		Objects.requireNonNull(receivedAt, "receivedAt");
	}

	/** The record key: the merchant and the notification id ({@link MerchantKey}). */
	public String key() {
		return MerchantKey.encode(this.mchid, this.notificationId);
	}

}
