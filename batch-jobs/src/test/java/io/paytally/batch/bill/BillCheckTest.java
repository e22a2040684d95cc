package io.paytally.batch.bill;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@link BillCheck} on files: the three kinds of bill, plain and gzip, what it prints and
 * its exit code. The SUCCESS and REFUND bills here are written by this test in the
 * layouts of WeChat's documentation (no genuine one was found, see the corpus README).
 */
class BillCheckTest {

	private static final String SUCCESS_BILL = """
			\uFEFF交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,商品名称,商户数据包,手续费,费率,订单金额,费率备注\r
			`2026-03-01 09:15:02,`wx0000000000demo01,`1900000001,`0,`,`4200000000202603010000000001,`DEMO202603010001,`oDemoOpenid01,`JSAPI,`SUCCESS,`OTHERS,`CNY,`12.50,`0.00,`Demo A, blue,`,`0.07500,`0.60%,`12.50,`\r
			`2026-03-01 10:02:44,`wx0000000000demo01,`1900000001,`0,`,`4200000000202603010000000002,`DEMO202603010002,`oDemoOpenid02,`NATIVE,`SUCCESS,`CMB_DEBIT,`CNY,`8.00,`0.00,`Demo B,`x1,`0.04800,`0.60%,`8.00,`\r
			总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r
			`2.0,`20.50,`0.00,`0.0,`0.12300,`20.50,`0.00\r
			""";

	private static final String REFUND_BILL = """
			交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,退款申请时间,退款成功时间,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注
			`2026-03-01 15:30:10,`wx0000000000demo01,`1900000001,`0,`,`4200000000202603010000000001,`DEMO202603010001,`oDemoOpenid01,`JSAPI,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`2026-03-01 15:30:10,`2026-03-01 15:30:12,`50300000002026030100000000001,`RDEMO202603010001,`5.00,`0.00,`ORIGINAL,`SUCCESS,`Demo A,`,`-0.03000,`0.60%,`0.00,`5.00,`
			总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额
			`1,`0.00,`5.00,`0.00,`-0.03000,`0.00,`5.00
			""";

	@TempDir
	Path dir;

	@Test
	void checksASuccessBillAndPrintsRowsRejectsAndSummary() throws IOException {
		Path file = write("success.csv", SUCCESS_BILL.getBytes(StandardCharsets.UTF_8));
		List<BillRow> rows = new ArrayList<>();
		BillCheck.Result result = BillCheck.check(file, rows::add);
		assertThat(result.type()).isEqualTo(BillType.SUCCESS);
		assertThat(result.summary()).isEqualTo(new BillSummary(5, 2, 2050, 0, 0, 12300, 2050, 0));
		assertThat(rows).extracting(BillRow::outTradeNo, BillRow::settledAmount, BillRow::body, BillRow::attach)
			.containsExactly(tuple("DEMO202603010001", 1250L, "Demo A, blue", null),
					tuple("DEMO202603010002", 800L, "Demo B", "x1"));
		assertThat(rows.get(0).outRefundNo()).isNull();
		assertThat(rows.get(0).refundRequestedAmount()).isZero();
		assertThat(run(file)).isEqualTo(
				"""
						Bill:      %s
						Type:      a SUCCESS trade bill
						SHA-1:     %s (of the decompressed file)
						Rows:      2 (2 payments, 0 refunds)
						Sums:      settled 20.50, refunds 0.00, coupon refunds 0.00, fees 0.12300, orders 20.50, refunds asked 0.00 (yuan)
						Rejected:  0 lines
						Summary:   holds (2 rows, all seven sums agree)
						exit 0
						"""
					.formatted(file, result.sha1()));
	}

	@Test
	void readsTheFourSumSummaryThatWechatDocumentsForSuccessBills() throws IOException {
		String documented = SUCCESS_BILL
			.replace("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额", "总交易单数,应结订单总金额,手续费总金额,订单总金额")
			.replace("`2.0,`20.50,`0.00,`0.0,`0.12300,`20.50,`0.00", "`2,`20.50,`0.12300,`20.50");
		BillCheck.Result result = BillCheck.check(write("success4.csv", documented.getBytes(StandardCharsets.UTF_8)),
				(row) -> {
				});
		assertThat(result.exitCode()).isEqualTo(BillCheck.SOUND);
		assertThat(result.summary()).isEqualTo(new BillSummary(5, 2, 2050, 0, 0, 12300, 2050, 0));
	}

	@Test
	void checksAGzipRefundBillWithItsRefundTimes() throws IOException {
		Path file = write("refund.csv.gz", gzip(REFUND_BILL.getBytes(StandardCharsets.UTF_8)));
		List<BillRow> rows = new ArrayList<>();
		BillCheck.Result result = BillCheck.check(file, rows::add);
		assertThat(result.type()).isEqualTo(BillType.REFUND);
		assertThat(result.gzip()).isTrue();
		assertThat(result.exitCode()).isEqualTo(BillCheck.SOUND);
		assertThat(result.refundRows()).isEqualTo(1);
		assertThat(rows).singleElement()
			.isEqualTo(new BillRow(2, LocalDateTime.of(2026, 3, 1, 15, 30, 10), "wx0000000000demo01", "1900000001", "0",
					null, "4200000000202603010000000001", "DEMO202603010001", "JSAPI", "REFUND", "OTHERS", "CNY", 0, 0,
					"50300000002026030100000000001", "RDEMO202603010001", 500, 0, "ORIGINAL", "SUCCESS", "Demo A", null,
					-3000, "0.60%", 0, 500, null));
	}

	@Test
	void rejectsALineOfARefundBillWhoseRefundTimeIsImpossible() throws IOException {
		Path file = write("refund.csv",
				REFUND_BILL.replace("`2026-03-01 15:30:12", "`2026-03-01 25:30:12").getBytes(StandardCharsets.UTF_8));
		BillCheck.Result result = BillCheck.check(file, (row) -> {
		});
		assertThat(result.rejects())
			.containsExactly(new BillCheck.Reject(2, "退款成功时间 is not a valid time: 2026-03-01 25:30:12"));
		assertThat(result.exitCode()).isEqualTo(BillCheck.REJECTS);
		assertThat(run(file)).contains(
				"Rejected:  1 lines\n  line 2: 退款成功时间 is not a valid time: 2026-03-01 25:30:12\n",
				"Summary:   holds (1 rows counted; the amounts of the rejected lines are unknown)\n", "exit 1\n");
	}

	@Test
	void printsWhyACorruptBillDoesNotHoldAndExitsWith2() throws IOException {
		Path file = write("bad.csv",
				SUCCESS_BILL.replace("`2.0,`20.50", "`2.0,`20.60").getBytes(StandardCharsets.UTF_8));
		assertThat(run(file)).contains("Summary:   DOES NOT HOLD: the rows disagree with the summary: "
				+ "settled_amount 2050 <> 2060 (应结订单总金额)\nexit 2\n");
	}

	@Test
	void jobRefusesASuccessBillByName() {
		String header = SUCCESS_BILL.lines().findFirst().orElseThrow();
		assertThatExceptionOfType(BillCorrupt.class)
			.isThrownBy(() -> new BillLineParser("1900000001").parse(new BillLine(1, header, BillLine.Kind.HEADER)))
			.withMessageStartingWith("Line 1 is not the header of an ALL trade bill: it is the header of a SUCCESS"
					+ " trade bill, not of an ALL trade bill");
	}

	private String run(Path file) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
		int exit = BillCheck.run(file, out);
		out.println("exit " + exit);
		return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
	}

	private Path write(String name, byte[] bytes) throws IOException {
		return Files.write(this.dir.resolve(name), bytes);
	}

	private static byte[] gzip(byte[] bytes) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (OutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(bytes);
		}
		return out.toByteArray();
	}

}
