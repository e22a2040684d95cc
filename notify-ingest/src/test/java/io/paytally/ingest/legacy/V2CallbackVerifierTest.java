package io.paytally.ingest.legacy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.paytally.ingest.support.V2Signer;
import io.paytally.ingest.verification.CallbackContext;
import io.paytally.ingest.verification.MalformedCallback;
import io.paytally.ingest.verification.MerchantMismatch;
import io.paytally.ingest.verification.Merchants;
import io.paytally.ingest.verification.SignatureInvalid;
import io.paytally.ingest.verification.SignatureTypeUnsupported;
import io.paytally.ingest.verification.UnknownMerchant;
import io.paytally.ingest.verification.VerifiedNotification;
import io.paytally.ingest.verification.XmlDoctypeRefused;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.PaymentNotification;
import io.paytally.schemas.TradeState;
import io.paytally.wechat.MerchantProperties;
import io.paytally.wechat.WechatPayProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class V2CallbackVerifierTest {

	private static final String MCHID = "10000100";

	private static final String KEY = "192006250b4c09247ec02edce69f6a2d";

	private static final Instant NOW = Instant.parse("2026-03-01T02:00:00Z");

	private final V2CallbackVerifier verifier = new V2CallbackVerifier(
			new Merchants(
					new WechatPayProperties(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1),
							Duration.ofSeconds(1), List.of(new MerchantProperties(MCHID, null, null, null, null, null,
									null, KEY, null, null, null, null, null, null)))),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void signsLikeWechatPayReferenceVector() {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("appid", "wxd930ea5d5a258f4f");
		fields.put("mch_id", "10000100");
		fields.put("device_info", "1000");
		fields.put("body", "test");
		fields.put("nonce_str", "ibuaiVcKdpRxkhJA");

		assertThat(V2Signature.sign(fields, KEY)).isEqualTo("9A0A8659F005D6984697E2CA0A9CF3B7");
	}

	@Test
	void mapsSuccessToPaymentNotificationWithBeijingTimeEnd() {
		for (String signType : new String[] { null, "MD5", "HMAC-SHA256" }) {
			Map<String, String> fields = paid(signType);

			Optional<VerifiedNotification> verified = verify(V2Signer.xml(signed(fields)));

			assertThat(verified).contains(new VerifiedNotification.Payment(
					new PaymentNotification("nonce0001", NotificationSource.CALLBACK_V2, MCHID, "wxd930ea5d5a258f4f",
							"DEMO202603010001", "4200000000202603010000000002", TradeState.SUCCESS, "JSAPI",
							"CMB_DEBIT", 1250, 1250L, "CNY", Instant.parse("2026-03-01T01:15:02Z"), null, NOW)));
			assertThat(verified).map(VerifiedNotification::key).contains(MCHID + "@DEMO202603010001");
		}
	}

	@Test
	void acknowledgesVerifiedFailureWithoutRecord() {
		Map<String, String> fields = paid(null);
		fields.put("result_code", "FAIL");

		assertThat(verify(V2Signer.xml(signed(fields)))).isEmpty();
	}

	@Test
	void refusesBadSignatures() {
		Map<String, String> fields = signed(paid("MD5"));
		fields.put("total_fee", "1");
		assertThatThrownBy(() -> verify(V2Signer.xml(fields))).isInstanceOf(SignatureInvalid.class);

		Map<String, String> unsigned = paid(null);
		assertThatThrownBy(() -> verify(V2Signer.xml(unsigned))).isInstanceOf(SignatureInvalid.class);

		Map<String, String> otherKey = paid(null);
		otherKey.put("sign", V2Signer.sign(otherKey, "00000000000000000000000000000000"));
		assertThatThrownBy(() -> verify(V2Signer.xml(otherKey))).isInstanceOf(SignatureInvalid.class);

		Map<String, String> sha1 = paid("SHA1");
		sha1.put("sign", "ABC");
		assertThatThrownBy(() -> verify(V2Signer.xml(sha1))).isInstanceOf(SignatureTypeUnsupported.class);
	}

	@Test
	void refusesExternalEntities() {
		String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
				+ "<xml><return_code>&xxe;</return_code></xml>";
		String parameterEntity = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY % remote SYSTEM "
				+ "\"http://127.0.0.1:1/evil.dtd\"> %remote;]><xml><a>b</a></xml>";
		String externalDtd = "<!DOCTYPE xml SYSTEM \"http://127.0.0.1:1/evil.dtd\"><xml><a>b</a></xml>";

		assertThatThrownBy(() -> verify(xxe)).isInstanceOf(XmlDoctypeRefused.class);
		assertThatThrownBy(() -> verify(parameterEntity)).isInstanceOfAny(XmlDoctypeRefused.class,
				MalformedCallback.class);
		assertThatThrownBy(() -> verify(externalDtd)).isInstanceOf(XmlDoctypeRefused.class);
	}

	@Test
	void refusesBillionLaughs() {
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY lol \"lol\">");
		for (int i = 1; i <= 9; i++) {
			xml.append("<!ENTITY lol").append(i).append(" \"");
			for (int j = 0; j < 10; j++) {
				xml.append("&lol").append((i == 1) ? "" : Integer.toString(i - 1)).append(';');
			}
			xml.append("\">");
		}
		xml.append("]><xml><return_code>&lol9;</return_code></xml>");

		assertThatThrownBy(() -> verify(xml.toString())).isInstanceOf(XmlDoctypeRefused.class);
	}

	@Test
	void refusesUndeclaredEntitiesNestingAndRepeatedFields() {
		assertThatThrownBy(() -> verify("<xml><a>&undeclared;</a></xml>")).isInstanceOfAny(MalformedCallback.class,
				XmlDoctypeRefused.class);
		assertThatThrownBy(() -> verify("<xml><a><b>c</b></a></xml>")).isInstanceOf(MalformedCallback.class);
		assertThatThrownBy(() -> verify("<xml><a>1</a><a>2</a></xml>")).isInstanceOf(MalformedCallback.class);
		assertThatThrownBy(() -> verify("<root><a>1</a></root>")).isInstanceOf(MalformedCallback.class);
		assertThatThrownBy(() -> verify("<xml><a>1</a>")).isInstanceOf(MalformedCallback.class);
		assertThatThrownBy(() -> verify("not xml")).isInstanceOf(MalformedCallback.class);
	}

	@Test
	void refusesOtherMerchantAndUnknownMerchant() {
		Map<String, String> other = paid(null);
		other.put("mch_id", "10000999");
		assertThatThrownBy(() -> verify(V2Signer.xml(signed(other)))).isInstanceOf(MerchantMismatch.class);
		assertThatThrownBy(() -> this.verifier.verify("10000999",
				V2Signer.xml(signed(paid(null))).getBytes(StandardCharsets.UTF_8),
				new CallbackContext("v2", "10000999")))
			.isInstanceOf(UnknownMerchant.class);
	}

	private Optional<VerifiedNotification> verify(String xml) {
		return this.verifier.verify(MCHID, xml.getBytes(StandardCharsets.UTF_8), new CallbackContext("v2", MCHID));
	}

	private static Map<String, String> signed(Map<String, String> fields) {
		fields.put("sign", V2Signer.sign(fields, KEY));
		return fields;
	}

	private static Map<String, String> paid(String signType) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("return_code", "SUCCESS");
		fields.put("result_code", "SUCCESS");
		fields.put("appid", "wxd930ea5d5a258f4f");
		fields.put("mch_id", MCHID);
		fields.put("nonce_str", "nonce0001");
		fields.put("openid", "oSecretOpenid0003");
		fields.put("trade_type", "JSAPI");
		fields.put("bank_type", "CMB_DEBIT");
		fields.put("total_fee", "1250");
		fields.put("cash_fee", "1250");
		fields.put("fee_type", "CNY");
		fields.put("transaction_id", "4200000000202603010000000002");
		fields.put("out_trade_no", "DEMO202603010001");
		fields.put("attach", "");
		fields.put("time_end", "20260301091502");
		if (signType != null) {
			fields.put("sign_type", signType);
		}
		return fields;
	}

}
