package io.paytally.stream.intake.prepay;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a page inside WeChat hands to {@code wx.requestPayment} (or
 * {@code WeixinJSBridge getBrandWCPayRequest}), signed with the merchant's key: the names
 * are WeChat's.
 *
 * @param appId the merchant's appid
 * @param timeStamp seconds since the epoch, as text
 * @param nonceStr a random string
 * @param packageValue {@code prepay_id=...}
 * @param signType {@code RSA}
 * @param paySign SHA256withRSA over {@code appId\ntimeStamp\nnonceStr\npackage\n}, Base64
 */
public record JsapiPayParameters(@JsonProperty("appId") String appId, @JsonProperty("timeStamp") String timeStamp,
		@JsonProperty("nonceStr") String nonceStr, @JsonProperty("package") String packageValue,
		@JsonProperty("signType") String signType, @JsonProperty("paySign") String paySign) {

}
