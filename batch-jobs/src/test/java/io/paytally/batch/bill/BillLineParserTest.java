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

	@Test
	void namesWhyAnAmountIsRefusedInsteadOfRoundingIt() {
		assertThat(refusal("0.001", 2)).isEqualTo("has more decimals than fen");
		assertThat(refusal("0.000001", 5)).isEqualTo("has more decimals than its unit of 10^-5");
		assertThat(refusal("-0.00", 2)).isEqualTo("is negative zero");
		assertThat(refusal("-0", 2)).isEqualTo("is negative zero");
		assertThat(refusal("1,234.00", 2)).isEqualTo("has a thousands separator");
		assertThat(refusal("1\u00A0234.00", 2)).isEqualTo("has a thousands separator");
		assertThat(refusal("\uFF11.00", 2)).isEqualTo("has a non-ASCII digit");
		assertThat(refusal("\u0661.00", 2)).isEqualTo("has a non-ASCII digit");
		assertThat(refusal("+1.00", 2)).isEqualTo("is not an amount in yuan");
		assertThat(refusal("", 2)).isEqualTo("is empty");
		assertThat(refusal("92233720368547758.08", 2)).isEqualTo("is too large");
	}

	@Test
	void readsSummaryCountsPrintedWithADecimalPartOfZeros() {
		String summary = "`45.0,`0.47,`0.14,`0.0,`0.08,`0.47,`0.14";
		assertThat(this.parser.parse(new BillLine(48, summary, BillLine.Kind.SUMMARY)))
			.isEqualTo(new BillSummary(48, 45, 47, 14, 0, 8000, 47, 14));
		assertThat(this.parser.parse(new BillLine(48, summary.replace("`45.0,", "`45.00,"), BillLine.Kind.SUMMARY)))
			.isEqualTo(new BillSummary(48, 45, 47, 14, 0, 8000, 47, 14));
	}

	@Test
	void refusesASummaryRowThatCannotBeReadAsTheWholeBill() {
		for (String count : List.of("45.5", "45.", "-1", "4５")) {
			String summary = "`" + count + ",`0.47,`0.14,`0.0,`0.08,`0.47,`0.14";
			assertThatExceptionOfType(BillCorrupt.class).as(count)
				.isThrownBy(() -> this.parser.parse(new BillLine(48, summary, BillLine.Kind.SUMMARY)))
				.withMessageStartingWith("Line 48, the summary row, cannot be read: 总交易单数 is not a");
		}
	}

	@Test
	void refusesASummaryHeaderThatIsNotTheSevenSumsOfAnAllBill() {
		assertThatExceptionOfType(BillCorrupt.class).isThrownBy(
				() -> this.parser.parse(new BillLine(5, "总交易单数,应结订单总金额,手续费总金额,订单总金额", BillLine.Kind.SUMMARY_HEADER)))
			.withMessageStartingWith("Line 5 is not the summary header of an ALL trade bill");
		assertThatExceptionOfType(BillCorrupt.class).isThrownBy(
				() -> this.parser.parse(new BillLine(5, "资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额", BillLine.Kind.SUMMARY_HEADER)))
			.withMessageStartingWith("Line 5 is not the summary header of a trade bill: column 1 is 资金流水总笔数");
	}

	@Test
	void namesTheHeaderColumnThatDiffers() {
		String header = String.join(",", BillType.ALL.columns());
		assertThatExceptionOfType(BillCorrupt.class)
			.isThrownBy(() -> this.parser.parse(new BillLine(1, header.replace("费率备注", "备注"), BillLine.Kind.HEADER)))
			.withMessageStartingWith("Line 1 is not the header of an ALL trade bill: column 27 is 备注, expected 费率备注");
		assertThatExceptionOfType(BillCorrupt.class)
			.isThrownBy(() -> this.parser.parse(new BillLine(1, header + ",新列", BillLine.Kind.HEADER)))
			.withMessageStartingWith("Line 1 is not the header of an ALL trade bill: it has 28 columns, expected 27");
		assertThatExceptionOfType(BillCorrupt.class)
			.isThrownBy(() -> this.parser
				.parse(new BillLine(1, String.join(",", BillType.REFUND.columns()), BillLine.Kind.HEADER)))
			.withMessageStartingWith(
					"Line 1 is not the header of an ALL trade bill: it is the header of a REFUND trade bill");
	}

	@Test
	void tellsTheHeaderRowsSummaryHeaderAndSummaryApartInOrder() {
		BillLineKinds kinds = new BillLineKinds();
		assertThat(List.of("交易时间,...", "`2026-03-01 09:15:02,...", "总交易单数,...", "`1,...", "`stray"))
			.extracting(kinds::kindOf)
			.containsExactly(BillLine.Kind.HEADER, BillLine.Kind.DETAIL, BillLine.Kind.SUMMARY_HEADER,
					BillLine.Kind.SUMMARY, BillLine.Kind.DETAIL);
	}

	private static String refusal(String amount, int scale) {
		try {
			BillLineParser.scaled(amount, scale);
		}
		catch (BillLineParser.AmountRefused ex) {
			return ex.reason();
		}
		throw new AssertionError(amount + " was read");
	}

}
