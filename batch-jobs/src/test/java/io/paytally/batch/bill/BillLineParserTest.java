package io.paytally.batch.bill;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BillLineParserTest {

	private final BillLineParser parser = new BillLineParser("1900000001");

	private static List<String> sampleLines() throws IOException {
		try (InputStream in = BillLineParserTest.class.getResourceAsStream("/bills/sample-all.csv")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
		}
	}

	@Test
	void readsThePaymentRowOfTheFactSheetSample() throws IOException {
		BillRow row = (BillRow) this.parser.parse(new BillLine(2, sampleLines().get(1), BillLine.Kind.DETAIL));
		assertThat(row).isEqualTo(new BillRow(2, LocalDateTime.of(2026, 3, 1, 9, 15, 2), "wx0000000000demo01",
				"1900000001", "0", null, "4200000000202603010000000001", "DEMO202603010001", "JSAPI", "SUCCESS",
				"OTHERS", "CNY", 1250, 0, null, null, 0, 0, null, null, "Demo A", null, 7500, "0.60%", 1250, 0, null));
	}

	@Test
	void readsTheRefundRowWithItsNegativeFee() throws IOException {
		BillRow row = (BillRow) this.parser.parse(new BillLine(4, sampleLines().get(3), BillLine.Kind.DETAIL));
		assertThat(row).isEqualTo(new BillRow(4, LocalDateTime.of(2026, 3, 1, 15, 30, 10), "wx0000000000demo01",
				"1900000001", "0", null, "4200000000202603010000000001", "DEMO202603010001", "JSAPI", "REFUND",
				"OTHERS", "CNY", 0, 0, "50300000002026030100000000001", "RDEMO202603010001", 500, 0, "ORIGINAL",
				"SUCCESS", "Demo A", null, -3000, "0.60%", 0, 500, null));
		assertThat(row.isRefund()).isTrue();
	}

	@Test
	void readsTheSummaryRow() throws IOException {
		ParsedBillLine summary = this.parser.parse(new BillLine(6, sampleLines().get(5), BillLine.Kind.SUMMARY));
		assertThat(summary).isEqualTo(new BillSummary(6, 3, 2050, 500, 0, 9300, 2050, 500));
	}

	@Test
	void acceptsBothHeadersAndAByteOrderMark() throws IOException {
		List<String> lines = sampleLines();
		assertThat(this.parser.parse(new BillLine(1, "\uFEFF" + lines.get(0), BillLine.Kind.HEADER))).isNull();
		assertThat(this.parser.parse(new BillLine(5, lines.get(4), BillLine.Kind.SUMMARY_HEADER))).isNull();
	}

	@Test
	void refusesTheHeaderOfAnotherBill() {
		assertThatExceptionOfType(BillCorrupt.class)
			.isThrownBy(() -> this.parser.parse(new BillLine(1, "记账时间,微信支付业务单号,资金流水单号", BillLine.Kind.HEADER)));
	}

	@Test
	void convertsYuanToFenExactly() {
		assertThat(BillLineParser.scaled("12.50", 2)).isEqualTo(1250);
		assertThat(BillLineParser.scaled("0.01", 2)).isEqualTo(1);
		assertThat(BillLineParser.scaled("8", 2)).isEqualTo(800);
		assertThat(BillLineParser.scaled("8.1", 2)).isEqualTo(810);
		assertThat(BillLineParser.scaled("92233720368547758.07", 2)).isEqualTo(Long.MAX_VALUE);
		assertThat(BillLineParser.scaled("0.07500", 5)).isEqualTo(7500);
		assertThat(BillLineParser.scaled("-0.03000", 5)).isEqualTo(-3000);
		assertThat(BillLineParser.scaled("0.00001", 5)).isEqualTo(1);
	}

	@Test
	void refusesAmountsThatAreNotExactFen() {
		for (String amount : List.of("1.005", "", ".", "1.", "abc", "1.2.3", "1e3", "92233720368547758.08")) {
			assertThatExceptionOfType(RuntimeException.class).as(amount)
				.isThrownBy(() -> BillLineParser.scaled(amount, 2));
		}
	}

	@Test
	void rejectsALineWithTooFewColumns() {
		String text = "`2026-03-01 09:15:02,`wx0000000000demo01,`1900000001";
		assertThatExceptionOfType(MalformedBillLine.class)
			.isThrownBy(() -> this.parser.parse(new BillLine(7, text, BillLine.Kind.DETAIL)))
			.satisfies((ex) -> {
				assertThat(ex.lineNo()).isEqualTo(7);
				assertThat(ex.rawText()).isEqualTo(text);
				assertThat(ex.reason()).isEqualTo("has 3 columns, expected 27");
			});
	}

	@Test
	void rejectsAnAmountThatIsNotYuan() throws IOException {
		String text = sampleLines().get(1).replace("`12.50,`0.00", "`12.5O,`0.00");
		assertThatExceptionOfType(MalformedBillLine.class)
			.isThrownBy(() -> this.parser.parse(new BillLine(2, text, BillLine.Kind.DETAIL)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("应结订单金额 is not an amount in yuan: 12.5O"));
	}

	@Test
	void rejectsAnImpossibleTime() throws IOException {
		String text = sampleLines().get(1).replace("2026-03-01 09:15:02", "2026-02-30 09:15:02");
		assertThatExceptionOfType(MalformedBillLine.class)
			.isThrownBy(() -> this.parser.parse(new BillLine(2, text, BillLine.Kind.DETAIL)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("交易时间 is not a valid time: 2026-02-30 09:15:02"));
	}

	@Test
	void rejectsAValueWithoutItsBacktick() throws IOException {
		String text = sampleLines().get(1).replace("`JSAPI", "JSAPI");
		assertThatExceptionOfType(MalformedBillLine.class)
			.isThrownBy(() -> this.parser.parse(new BillLine(2, text, BillLine.Kind.DETAIL)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("column 9 does not start with a backtick"));
	}

	@Test
	void rejectsARowOfAnotherMerchant() throws IOException {
		String text = sampleLines().get(1).replace("`1900000001", "`1900000002");
		assertThatExceptionOfType(MalformedBillLine.class)
			.isThrownBy(() -> this.parser.parse(new BillLine(2, text, BillLine.Kind.DETAIL)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("belongs to merchant 1900000002, not 1900000001"));
	}

	@Test
	void rejectsARowWithoutOutTradeNo() throws IOException {
		String text = sampleLines().get(1).replace("`DEMO202603010001", "`");
		assertThatExceptionOfType(MalformedBillLine.class)
			.isThrownBy(() -> this.parser.parse(new BillLine(2, text, BillLine.Kind.DETAIL)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("商户订单号 is empty"));
	}

	@Test
	void rejectsARefundRowWithoutRefundNumber() throws IOException {
		String text = sampleLines().get(3).replace("`RDEMO202603010001", "`0");
		assertThatExceptionOfType(MalformedBillLine.class)
			.isThrownBy(() -> this.parser.parse(new BillLine(4, text, BillLine.Kind.DETAIL)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("refund row without 商户退款单号 or 退款状态"));
	}

}
