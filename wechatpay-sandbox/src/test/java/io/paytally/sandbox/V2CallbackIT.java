package io.paytally.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.paytally.sandbox.callback.CallbackDispatcher;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A merchant switched to legacy v2 callbacks gets WeChat Pay's v2 XML, signed with MD5
 * under its API v2 key, and an answer that is not {@code return_code} SUCCESS (even with
 * HTTP 200) is retried on v2's schedule until it gives up.
 */
class V2CallbackIT {

	private static final Pattern FIELD = Pattern.compile("<(\\w+)><!\\[CDATA\\[(.*?)]]></\\1>");

	@Test
	void sendsSignedV2XmlAndRetriesOnV2sScheduleUntilAcknowledged() throws Exception {
		double timeScale = 0.0001;
		try (Sandbox sandbox = Sandbox.start(RetryScheduleIT.options(timeScale));
				CallbackReceiver receiver = new CallbackReceiver()) {
			sandbox.control().v2Callbacks(RetryScheduleIT.MCHID, true);
			receiver.answer((call) -> 200);
			RetryScheduleIT.payOrder(sandbox, receiver, "V2RETRY0001");

			assertThat(sandbox.control().awaitCallbacksSettled(Duration.ofSeconds(60))).isTrue();
			List<CallbackReceiver.Received> received = receiver.received();
			assertThat(received).hasSize(CallbackDispatcher.V2_RETRY_SCHEDULE.size() + 1);
			for (int i = 1; i < received.size(); i++) {
				long gap = received.get(i).nanoTime() - received.get(i - 1).nanoTime();
				assertThat(gap).isGreaterThanOrEqualTo(
						(long) (CallbackDispatcher.V2_RETRY_SCHEDULE.get(i - 1).toNanos() * timeScale));
			}
			assertThat(sandbox.control().callbacks("V2RETRY0001")).hasSize(10)
				.allSatisfy((attempt) -> assertThat(attempt.error()).isEqualTo("answer's return_code is not SUCCESS"));

			Map<String, String> fields = fields(received.get(0).body());
			OrderTruth truth = sandbox.control().groundTruth(RetryScheduleIT.MCHID, "V2RETRY0001");
			assertThat(fields).containsEntry("return_code", "SUCCESS")
				.containsEntry("result_code", "SUCCESS")
				.containsEntry("mch_id", RetryScheduleIT.MCHID)
				.containsEntry("appid", "wx0000000000demo03")
				.containsEntry("out_trade_no", "V2RETRY0001")
				.containsEntry("transaction_id", truth.transactionId())
				.containsEntry("total_fee", "100")
				.containsEntry("sign_type", "MD5");
			assertThat(fields.get("sign"))
				.isEqualTo(md5Sign(fields, sandbox.merchant(RetryScheduleIT.MCHID).apiV2Key()));
		}
	}

	@Test
	void namesTheCouponsShareAndThePayersPartOfACouponPaymentAsV2Does() throws Exception {
		try (Sandbox sandbox = Sandbox.start(RetryScheduleIT.options(0.0001));
				CallbackReceiver receiver = new CallbackReceiver()) {
			sandbox.control().v2Callbacks(RetryScheduleIT.MCHID, true);
			receiver.answer((call) -> 200);
			sandbox.control().createOrder(RetryScheduleIT.MCHID, "V2COUPON0001", 1000, receiver.url());
			sandbox.control().payWithCoupon(RetryScheduleIT.MCHID, "V2COUPON0001", 200, "NOCASH");

			assertThat(sandbox.control().awaitCallbacksSettled(Duration.ofSeconds(60))).isTrue();
			Map<String, String> fields = fields(receiver.received().get(0).body());
			assertThat(fields).containsEntry("total_fee", "1000")
				.containsEntry("cash_fee", "800")
				.containsEntry("settlement_total_fee", "800")
				.containsEntry("coupon_fee", "200")
				.containsEntry("coupon_count", "1")
				.containsEntry("coupon_type_0", "NO_CASH")
				.containsEntry("coupon_fee_0", "200");
			assertThat(fields.get("sign"))
				.isEqualTo(md5Sign(fields, sandbox.merchant(RetryScheduleIT.MCHID).apiV2Key()));
		}
	}

	private static Map<String, String> fields(String xml) {
		Map<String, String> fields = new TreeMap<>();
		Matcher matcher = FIELD.matcher(xml);
		while (matcher.find()) {
			fields.put(matcher.group(1), matcher.group(2));
		}
		return fields;
	}

	private static String md5Sign(Map<String, String> fields, String key) throws Exception {
		StringBuilder text = new StringBuilder();
		fields.forEach((name, value) -> {
			if (!name.equals("sign") && !value.isEmpty()) {
				text.append(name).append('=').append(value).append('&');
			}
		});
		text.append("key=").append(key);
		return HexFormat.of()
			.withUpperCase()
			.formatHex(MessageDigest.getInstance("MD5").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
	}

}
