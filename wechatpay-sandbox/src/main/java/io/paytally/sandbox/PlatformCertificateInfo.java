package io.paytally.sandbox;

import java.time.OffsetDateTime;

/**
 * A platform certificate as {@code /v3/certificates} lists it (without the certificate
 * itself).
 *
 * @param serialNo the serial, as {@code Wechatpay-Serial} names it
 * @param effectiveTime from when it is valid
 * @param expireTime until when it is valid
 */
public record PlatformCertificateInfo(String serialNo, OffsetDateTime effectiveTime, OffsetDateTime expireTime) {

}
