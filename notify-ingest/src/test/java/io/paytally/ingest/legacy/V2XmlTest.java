package io.paytally.ingest.legacy;

import java.nio.charset.StandardCharsets;

import io.paytally.ingest.verification.CallbackRefused;
import io.paytally.ingest.verification.MalformedCallback;
import io.paytally.ingest.verification.XmlDoctypeRefused;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class V2XmlTest {

	@Test
	void readsEveryFieldInOrderWithCdataAndPlainTextTrimmed() {
		assertThat(V2Xml.parse(bytes("""
				<xml>
				  <return_code><![CDATA[SUCCESS]]></return_code>
				  <mch_id>1900000001</mch_id>
				  <out_trade_no><![CDATA[DEMO202603010001]]></out_trade_no>
				  <total_fee> 1250 </total_fee>
				  <attach></attach>
				  <!-- a comment is passed over -->
				</xml>"""))).containsExactly(entry("return_code", "SUCCESS"), entry("mch_id", "1900000001"),
				entry("out_trade_no", "DEMO202603010001"), entry("total_fee", "1250"), entry("attach", ""));
	}

	@Test
	void refusesADoctypeWithExternalEntitiesAs400() {
		CallbackRefused refused = refusal("""
				<?xml version="1.0"?>
				<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
				<xml><attach>&xxe;</attach></xml>""");
		assertThat(refused).isInstanceOf(XmlDoctypeRefused.class);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.reason()).isEqualTo("xml_doctype_refused");
	}

	@Test
	void refusesBillionLaughsWithoutExpandingThem() {
		assertThat(refusal("""
				<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
				<xml><attach>&b;</attach></xml>""")).isInstanceOf(XmlDoctypeRefused.class);
	}

	@Test
	void refusesNestingRepeatedFieldsAnotherRootAndBrokenXmlAsMalformed() {
		for (String xml : new String[] { "<xml><a><b>1</b></a></xml>", "<xml><a>1</a><a>2</a></xml>",
				"<root><a>1</a></root>", "<xml><a>1</a>", "not xml at all" }) {
			CallbackRefused refused = refusal(xml);
			assertThat(refused).as(xml).isInstanceOf(MalformedCallback.class);
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.getMessage()).isEqualTo("malformed XML");
		}
	}

	@Test
	void refusesMoreThanAHundredFieldsAndAFieldOverFourKilobytes() {
		StringBuilder many = new StringBuilder("<xml>");
		for (int i = 0; i <= 100; i++) {
			many.append("<f").append(i).append(">x</f").append(i).append('>');
		}
		assertThat(refusal(many.append("</xml>").toString())).isInstanceOf(MalformedCallback.class);
		assertThat(refusal("<xml><attach>" + "x".repeat(4097) + "</attach></xml>"))
			.isInstanceOf(MalformedCallback.class);
		assertThat(V2Xml.parse(bytes("<xml><attach>" + "x".repeat(4096) + "</attach></xml>")).get("attach"))
			.hasSize(4096);
	}

	private static CallbackRefused refusal(String xml) {
		CallbackRefused[] caught = new CallbackRefused[1];
		assertThatExceptionOfType(CallbackRefused.class).isThrownBy(() -> V2Xml.parse(bytes(xml)))
			.satisfies((ex) -> caught[0] = ex);
		return caught[0];
	}

	private static byte[] bytes(String xml) {
		return xml.getBytes(StandardCharsets.UTF_8);
	}

	private static java.util.Map.Entry<String, String> entry(String key, String value) {
		return java.util.Map.entry(key, value);
	}

}
