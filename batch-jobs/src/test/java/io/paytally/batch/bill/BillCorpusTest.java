package io.paytally.batch.bill;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The genuine WeChat Pay bills of {@code src/test/resources/corpus/bills} (provenance in
 * its README): each is read whole, with the exact values it holds, by the statement's own
 * parser; the broken ones, and variants of the genuine ones broken in one named place,
 * are refused with their reason.
 */
class BillCorpusTest {

	private static final String PHP = "/corpus/bills/wechatpay-php-bill.ALL.csv";

	private static final String GO_GZIP = "/corpus/bills/gunsluo-wechatpay-go-all-2021-01-28.csv.gz";

	private static final String GO_AS_SENT = "/corpus/bills/gunsluo-wechatpay-go-all-2021-01-28-as-sent.csv";

	private static final String DAX_PAY = "/corpus/bills/dromara-dax-pay-all-2024-01-16.csv";

	private static final String FUND_FLOW = "/corpus/bills/bad/gunsluo-wechatpay-go-fundflow-BASIC-2021-02-01.csv.gz";

	/**
	 * Every row of the wechatpay-php fixture: line | 交易时间 | 微信订单号 | 商户订单号 | 交易状态 | 应结订单金额
	 * | 商户退款单号 | 退款金额 | 手续费 (milli-fen) | 订单金额 | 申请退款金额, amounts in fen.
	 */
	private static final String PHP_ROWS = """
			2|2019-02-19T05:01:46|4200000263201902167700134212|autotest_20190216081946_82335|REFUND|0|REF4200000263201902167700963919|1|0|0|1
			3|2019-02-19T05:01:46|4200000263201902167700134202|autotest_20190216091939_66824|REFUND|0|REF4200000264201902164505328587|1|0|0|1
			4|2019-02-19T01:52:32|4200000263201902167700134902|autotest_20190219015232_89201|SUCCESS|3|-|0|1000|3|0
			5|2019-02-19T18:19:32|4200000263201902167700134203|autotest_20190219181930_76386|SUCCESS|1|-|0|0|1|0
			6|2019-02-19T11:46:37|4200000263201902167700134232|autotest_20190219114635_74639|SUCCESS|1|-|0|0|1|0
			7|2019-02-19T18:54:11|4200000263201902167700134206|autotest_20190219185411_77090|SUCCESS|3|-|0|1000|3|0
			8|2019-02-19T05:01:58|4200000263201902167700134208|autotest_20190216211931_60107|REFUND|0|REF4200000271201902169672973448|1|0|0|1
			9|2019-02-19T15:19:34|4200000263201902167700134282|autotest_20190219151932_51988|SUCCESS|1|-|0|0|1|0
			10|2019-02-19T19:00:54|4200000263201902167700134291|autotest_20190219190052_15221|SUCCESS|1|-|0|0|1|0
			11|2019-02-19T20:22:31|4200000263201902167700134321|autotest_20190219202229_89584|SUCCESS|1|-|0|0|1|0
			12|2019-02-19T05:01:52|4200000263201902167700134386|autotest_20190216141932_76728|REFUND|0|REF4200000273201902164816714647|1|0|0|1
			13|2019-02-19T08:52:24|4200000263201902167700134408|autotest_20190219085223_71637|SUCCESS|3|-|0|1000|3|0
			14|2019-02-19T13:56:43|4200000263201902167700134267|autotest_20190219135641_73077|SUCCESS|1|-|0|0|1|0
			15|2019-02-19T05:01:58|4200000263201902167700134219|autotest_20190216201933_89385|REFUND|0|REF4200000275201902160242870181|1|0|0|1
			16|2019-02-19T05:01:48|4200000263201902167700134287|autotest_20190216101943_51459|REFUND|0|REF4200000275201902164898006445|1|0|0|1
			17|2019-02-19T01:57:16|4200000263201902167700134261|autotest_20190219015713_58807|SUCCESS|1|-|0|0|1|0
			18|2019-02-19T05:01:48|4200000263201902167700134781|autotest_20190216111930_60264|REFUND|0|REF4200000276201902163855895959|1|0|0|1
			19|2019-02-19T05:01:52|4200000263201902167700134234|autotest_20190216151938_53763|REFUND|0|REF4200000276201902163968784252|1|0|0|1
			20|2019-02-19T17:19:47|4200000263201902167700134235|autotest_20190219171945_92936|SUCCESS|1|-|0|0|1|0
			21|2019-02-19T18:53:38|4200000263201902167700134987|autotest_20190219185337_56967|SUCCESS|3|-|0|1000|3|0
			22|2019-02-19T23:46:48|4200000263201902167700134986|autotest_20190219234646_73807|SUCCESS|1|-|0|0|1|0
			23|2019-02-19T11:19:39|4200000263201902167700134063|autotest_20190219111937_86881|SUCCESS|1|-|0|0|1|0
			24|2019-02-19T16:19:43|4200000263201902167700134253|autotest_20190219161940_38406|SUCCESS|1|-|0|0|1|0
			25|2019-02-19T05:01:50|4200000263201902167700134231|autotest_20190216121941_39500|REFUND|0|REF4200000280201902166439247944|1|0|0|1
			26|2019-02-19T10:19:37|4200000263201902167700134435|autotest_20190219101934_34601|SUCCESS|1|-|0|0|1|0
			27|2019-02-19T21:19:40|4200000263201902167700134421|autotest_20190219211937_35407|SUCCESS|1|-|0|0|1|0
			28|2019-02-19T05:01:50|4200000263201902167700134182|autotest_20190216131934_78971|REFUND|0|REF4200000281201902162727584722|1|0|0|1
			29|2019-02-19T15:14:40|4200000263201902167700134123|autotest_20190219151437_98855|SUCCESS|1|-|0|0|1|0
			30|2019-02-19T13:52:23|4200000263201902167700134296|autotest_20190219135222_70138|SUCCESS|3|-|0|1000|3|0
			31|2019-02-19T12:19:41|4200000263201902167700134235|autotest_20190219121936_10476|SUCCESS|1|-|0|0|1|0
			32|2019-02-19T05:01:54|4200000263201902167700134245|autotest_20190216161937_62628|REFUND|0|REF4200000283201902165983783927|1|0|0|1
			33|2019-02-19T14:19:33|4200000263201902167700134298|autotest_20190219141930_99209|SUCCESS|1|-|0|0|1|0
			34|2019-02-19T08:51:49|4200000263201902167700134267|autotest_20190219085147_70203|SUCCESS|3|-|0|1000|3|0
			35|2019-02-19T19:19:40|4200000263201902167700134093|autotest_20190219191936_98195|SUCCESS|1|-|0|0|1|0
			36|2019-02-19T09:19:42|4200000263201902167700134998|autotest_20190219091939_57589|SUCCESS|1|-|0|0|1|0
			37|2019-02-19T05:01:54|4200000263201902167700134210|autotest_20190216171940_28416|REFUND|0|REF4200000285201902166134708895|1|0|0|1
			38|2019-02-19T09:40:12|4200000263201902167700134965|autotest_20190219094010_95578|SUCCESS|1|-|0|0|1|0
			39|2019-02-19T08:19:33|4200000263201902167700134635|autotest_20190219081931_13544|SUCCESS|1|-|0|0|1|0
			40|2019-02-19T13:19:46|4200000263201902167700134230|autotest_20190219131942_90970|SUCCESS|1|-|0|0|1|0
			41|2019-02-19T05:01:56|4200000263201902167700134980|autotest_20190216181927_42286|REFUND|0|REF4200000286201902165239422837|1|0|0|1
			42|2019-02-19T20:19:43|4200000263201902167700134423|autotest_20190219201940_58762|SUCCESS|1|-|0|0|1|0
			43|2019-02-19T05:01:56|4200000263201902167700133124|autotest_20190216191930_90819|REFUND|0|REF4200000287201902162137077241|1|0|0|1
			44|2019-02-19T13:51:50|4200000263201902167700131367|autotest_20190219135148_14532|SUCCESS|3|-|0|1000|3|0
			45|2019-02-19T08:56:31|4200000263201902167700136467|autotest_20190219085628_26539|SUCCESS|1|-|0|0|1|0
			46|2019-02-19T01:51:59|4200000263201902167700136502|autotest_20190219015157_13391|SUCCESS|3|-|0|1000|3|0
			""";

	private static final String GO_ROWS = """
			2|2021-01-28T17:07:11|4200000925202101284997714292|S20210128170702357723|SUCCESS|1|-|0|0|1|0
			3|2021-01-28T15:35:18|4200000910202101282955148400|S20210128153505214586|SUCCESS|1|-|0|0|1|0
			4|2021-01-28T16:59:46|4200000926202101281412639609|S20210128165824499930|SUCCESS|1|-|0|0|1|0
			""";

	@Test
	void readsWechatpayPhpFixtureWithBomCrlfAndCountPrintedAsDecimal() throws IOException {
		byte[] bytes = resource(PHP);
		assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
		assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\r\n")
			.endsWith("`0.14\r\n")
			.contains("`45.0,`0.47,`0.14,`0.0,`0.08,`0.47,`0.14");
		List<BillRow> rows = new ArrayList<>();
		BillCheck.Result result = BillCheck.check(new ByteArrayInputStream(bytes), rows::add);
		assertThat(result.corrupt()).isNull();
		assertThat(result.exitCode()).isEqualTo(BillCheck.SOUND);
		assertThat(result.type()).isEqualTo(BillType.ALL);
		assertThat(result.gzip()).isFalse();
		assertThat(result.rejects()).isEmpty();
		assertThat(result.summary()).isEqualTo(new BillSummary(48, 45, 47, 14, 0, 8000, 47, 14));
		assertThat(result.rows()).isEqualTo(new BillTotals(45, 47, 14, 0, 8000, 47, 14));
		assertThat(result.refundRows()).isEqualTo(14);
		assertThat(rows).extracting(BillCorpusTest::brief).containsExactlyElementsOf(PHP_ROWS.lines().toList());
		assertThat(rows.get(0))
			.isEqualTo(new BillRow(2, LocalDateTime.of(2019, 2, 19, 5, 1, 46), "wxab8acd895ab1638a", "1921000401", "0",
					"harryma007", "4200000263201902167700134212", "autotest_20190216081946_82335", "JSAPI", "REFUND",
					"OTHERS", "CNY", 0, 0, "50000709672019011908420787722", "REF4200000263201902167700963919", 1, 0,
					"ORIGINAL", "SUCCESS", "系统拨测-cheeryin-test_micropay_succ", null, 0, "39.00%", 0, 1, null));
		assertThat(rows.get(44))
			.isEqualTo(new BillRow(46, LocalDateTime.of(2019, 2, 19, 1, 51, 59), "wxab8acd895ab1638a", "1921000401",
					"0", null, "4200000263201902167700136502", "autotest_20190219015157_13391", "NATIVE", "SUCCESS",
					"OTHERS", "CNY", 3, 1, null, null, 0, 0, null, null, "autotest", null, 1000, "39.00%", 3, 0, null));
	}

	@Test
	void readsGunsluoGzipFixtureAsTheSdkHandsItOver() throws IOException {
		byte[] bytes = resource(GO_GZIP);
		assertThat(bytes).startsWith(0x1f, 0x8b);
		List<BillRow> rows = new ArrayList<>();
		BillCheck.Result result = BillCheck.check(new ByteArrayInputStream(bytes), rows::add);
		assertThat(result.exitCode()).isEqualTo(BillCheck.SOUND);
		assertThat(result.gzip()).isTrue();
		assertThat(result.sha1()).isEqualTo("b18b51eb64422040e5ad738d47b358a40b1a7997");
		assertThat(result.summary()).isEqualTo(new BillSummary(6, 3, 3, 0, 0, 0, 3, 0));
		assertThat(result.rows()).isEqualTo(new BillTotals(3, 3, 0, 0, 0, 3, 0));
		assertThat(rows).extracting(BillCorpusTest::brief).containsExactlyElementsOf(GO_ROWS.lines().toList());
		assertThat(rows.get(0))
			.isEqualTo(new BillRow(2, LocalDateTime.of(2021, 1, 28, 17, 7, 11), "wx81be3101902f7cb2", "1601959334", "0",
					null, "4200000925202101284997714292", "S20210128170702357723", "NATIVE", "SUCCESS", "OTHERS", "CNY",
					1, 0, null, null, 0, 0, null, null, "for testing", "cipher code", 0, "1.00%", 1, 0, null));
	}

	@Test
	void readsTheBillAsWechatSentItWhoseSha1WechatAnnounced() throws IOException {
		byte[] bytes = resource(GO_AS_SENT);
		List<BillRow> rows = new ArrayList<>();
		BillCheck.Result result = BillCheck.check(new ByteArrayInputStream(bytes), rows::add);
		// hash_value of the download, as recorded in the SDK's client_test.go
		assertThat(result.sha1()).isEqualTo("dcd7ceb3d382a1181798368bb15d8437de46c00f");
		assertThat(result.exitCode()).isEqualTo(BillCheck.SOUND);
		assertThat(result.summary()).isEqualTo(new BillSummary(6, 3, 3, 0, 0, 0, 3, 0));
		assertThat(rows).extracting(BillCorpusTest::brief).containsExactlyElementsOf(GO_ROWS.lines().toList());
	}

	@Test
	void readsARecentBillWithTwoRefundsOfOnePaymentOnTheSameDay() throws IOException {
		byte[] bytes = resource(DAX_PAY);
		assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
		List<BillRow> rows = new ArrayList<>();
		BillCheck.Result result = BillCheck.check(new ByteArrayInputStream(bytes), rows::add);
		assertThat(result.exitCode()).isEqualTo(BillCheck.SOUND);
		assertThat(result.summary()).isEqualTo(new BillSummary(6, 3, 2, 2, 0, 0, 2, 2));
		assertThat(rows).extracting(BillCorpusTest::brief)
			.containsExactly(
					"2|2024-01-16T22:43:59|4200002086202401160745964084|1747268229775183872|SUCCESS|2|-|0|0|2|0",
					"3|2024-01-16T22:45:16|4200002086202401160745964084|1747268229775183872|REFUND|0|R1747268742516264960|1|0|0|1",
					"4|2024-01-16T23:10:18|4200002086202401160745964084|1747268229775183872|REFUND|0|R1747275041228390400|1|0|0|1");
		assertThat(rows.get(2)).isEqualTo(new BillRow(4, LocalDateTime.of(2024, 1, 16, 23, 10, 18),
				"wx9dfe38480f030e85", "1627859777", "0", null, "4200002086202401160745964084", "1747268229775183872",
				"NATIVE", "REFUND", "OTHERS", "CNY", 0, 0, "50303108562024011683774350275", "R1747275041228390400", 1,
				0, "ORIGINAL", "SUCCESS", "测试支付4", null, 0, "0.90%", 0, 1, null));
	}

	@Test
	void dailyStatementParserOfTheMerchantAcceptsEveryLineOfEveryGenuineBill() throws IOException {
		assertThat(parseAsTheJobDoes("1921000401", resource(PHP))).isEqualTo(46);
		assertThat(parseAsTheJobDoes("1601959334", gunzip(resource(GO_GZIP)))).isEqualTo(4);
		assertThat(parseAsTheJobDoes("1601959334", resource(GO_AS_SENT))).isEqualTo(4);
		assertThat(parseAsTheJobDoes("1627859777", resource(DAX_PAY))).isEqualTo(4);
	}

	@Test
	void refusesAFundFlowBillAsNotATradeBill() throws IOException {
		BillCheck.Result result = BillCheck.check(new ByteArrayInputStream(resource(FUND_FLOW)), (row) -> {
		});
		assertThat(result.exitCode()).isEqualTo(BillCheck.CORRUPT);
		assertThat(result.type()).isNull();
		assertThat(result.corrupt())
			.startsWith("Line 1 is not the header of a trade bill: column 1 is 记账时间, expected 交易时间");
		assertThatJobRefusesHeader(gunzip(resource(FUND_FLOW)), "column 1 is 记账时间, expected 交易时间");
	}

	@Test
	void refusesEverySummarySumThatDoesNotAddUpByName() throws IOException {
		String php = text(PHP);
		assertThat(corrupt(php.replace("`45.0,`0.47", "`46.0,`0.47"))).contains("count 45 rows <> 46 (总交易单数)");
		assertThat(corrupt(php.replace("`45.0,`0.47,`0.14,`0.0,`0.08,", "`45.0,`0.47,`0.14,`0.0,`0.09,")))
			.contains("fee_milli_fen 8000 <> 9000 (手续费总金额)");
		assertThat(corrupt(php.replace("`0.08,`0.47,`0.14\r\n", "`0.08,`0.48,`0.14\r\n")))
			.contains("order_amount 47 <> 48 (订单总金额)");
		assertThat(corrupt(php.replace("`0.08,`0.47,`0.14\r\n", "`0.08,`0.47,`0.15\r\n")))
			.contains("refund_requested_amount 14 <> 15 (申请退款总金额)");
		assertThat(corrupt(php.replace("`0.14,`0.0,`0.08", "`0.14,`0.01,`0.08")))
			.contains("coupon_refund_amount 0 <> 1 (充值券退款总金额)");
	}

	@Test
	void refusesAWholeBillWhoseHeaderOrSummaryIsNotABills() throws IOException {
		String php = text(PHP);
		assertThat(corrupt(php.replace(",应结订单金额,", ",总金额,"))).contains("column 13 is 总金额, expected 应结订单金额");
		assertThat(corrupt(php.substring(0, php.indexOf("总交易单数")))).contains("no summary row");
		assertThat(corrupt(php.replace("`45.0,", "`45.5,"))).contains("总交易单数 is not a whole count: 45.5");
		assertThat(corrupt("")).isEqualTo("the file is empty");
		assertThatJobRefusesHeader(php.replace(",应结订单金额,", ",总金额,").getBytes(StandardCharsets.UTF_8),
				"column 13 is 总金额, expected 应结订单金额");
	}

	@Test
	void rejectsAmountsThatCannotBeReadExactlyByNameAndKeepsTheRest() throws IOException {
		String php = text(PHP);
		String line46 = php.lines().toList().get(45);
		assertThat(reject(php, line46, line46.replace("`0.03,`0.01,", "`0.031,`0.01,")))
			.isEqualTo("应结订单金额 has more decimals than fen: 0.031");
		assertThat(reject(php, line46, line46.replace("`0.01000,", "`0.010001,")))
			.isEqualTo("手续费 has more decimals than its unit of 10^-5: 0.010001");
		assertThat(reject(php, line46, line46.replace("`0.01000,", "`-0.00000,")))
			.isEqualTo("手续费 is negative zero: -0.00000");
		assertThat(reject(php, line46, line46.replace("`0.03,`0.00,`", "`1,000.03,`0.00,`")))
			.isEqualTo("订单金额 has a thousands separator: 1,000.03");
		assertThat(reject(php, line46, line46.replace("`0.03,`0.01,", "`０.03,`0.01,")))
			.isEqualTo("应结订单金额 has a non-ASCII digit: ０.03");
	}

	@Test
	void readsCommasInProductNameAndMerchantDataBecauseWechatDoesNotQuote() throws IOException {
		String php = text(PHP);
		String line46 = php.lines().toList().get(45);
		String withCommas = line46.replace("`autotest,`,", "`autotest, 2 items,`a=1,b=2,");
		List<BillRow> rows = new ArrayList<>();
		BillCheck.Result result = BillCheck.check(
				new ByteArrayInputStream(php.replace(line46, withCommas).getBytes(StandardCharsets.UTF_8)), rows::add);
		assertThat(result.exitCode()).isEqualTo(BillCheck.SOUND);
		assertThat(rows.get(44).body()).isEqualTo("autotest, 2 items");
		assertThat(rows.get(44).attach()).isEqualTo("a=1,b=2");
		assertThat(rows.get(44).orderAmount()).isEqualTo(3);
	}

	/**
	 * Parses a bill line by line with the job's parser; returns the rows and summary
	 * read.
	 */
	private static int parseAsTheJobDoes(String mchid, byte[] bill) {
		BillLineParser parser = new BillLineParser(mchid);
		BillLineKinds kinds = new BillLineKinds();
		int read = 0;
		List<String> lines = new String(bill, StandardCharsets.UTF_8).lines().toList();
		for (int i = 0; i < lines.size(); i++) {
			if (!lines.get(i).isBlank()
					&& parser.parse(new BillLine(i + 1, lines.get(i), kinds.kindOf(lines.get(i)))) != null) {
				read++;
			}
		}
		return read;
	}

	private static void assertThatJobRefusesHeader(byte[] bill, String difference) {
		String header = new String(bill, StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
		assertThatExceptionOfType(BillCorrupt.class)
			.isThrownBy(() -> new BillLineParser("1921000401").parse(new BillLine(1, header, BillLine.Kind.HEADER)))
			.withMessageContaining("Line 1 is not the header of an ALL trade bill: " + difference);
	}

	private static String corrupt(String bill) throws IOException {
		BillCheck.Result result = BillCheck.check(new ByteArrayInputStream(bill.getBytes(StandardCharsets.UTF_8)),
				(row) -> {
				});
		assertThat(result.exitCode()).as(result.corrupt()).isEqualTo(BillCheck.CORRUPT);
		return result.corrupt();
	}

	/** The reason line 46 is rejected once changed; the rest of the bill still holds. */
	private static String reject(String bill, String line, String changed) throws IOException {
		BillCheck.Result result = BillCheck
			.check(new ByteArrayInputStream(bill.replace(line, changed).getBytes(StandardCharsets.UTF_8)), (row) -> {
			});
		assertThat(result.exitCode()).isEqualTo(BillCheck.REJECTS);
		assertThat(result.rows().count()).isEqualTo(44);
		assertThat(result.rejects()).hasSize(1);
		assertThat(result.rejects().get(0).lineNo()).isEqualTo(46);
		return result.rejects().get(0).reason();
	}

	private static String brief(BillRow row) {
		return String.join("|", Long.toString(row.lineNo()), row.tradeTime().toString(), row.transactionId(),
				row.outTradeNo(), row.tradeState(), Long.toString(row.settledAmount()),
				(row.outRefundNo() != null) ? row.outRefundNo() : "-", Long.toString(row.refundAmount()),
				Long.toString(row.feeMilliFen()), Long.toString(row.orderAmount()),
				Long.toString(row.refundRequestedAmount()));
	}

	private static String text(String resource) throws IOException {
		return new String(resource(resource), StandardCharsets.UTF_8);
	}

	static byte[] resource(String name) {
		try (InputStream in = BillCorpusTest.class.getResourceAsStream(name)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] gunzip(byte[] gzip) throws IOException {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
			return in.readAllBytes();
		}
	}

}
