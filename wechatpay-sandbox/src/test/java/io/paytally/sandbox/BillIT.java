package io.paytally.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.billdownload.DigestBillEntity;
import com.wechat.pay.java.service.billdownload.model.AccountType;
import com.wechat.pay.java.service.billdownload.model.BillType;
import com.wechat.pay.java.service.billdownload.model.GetFundFlowBillRequest;
import com.wechat.pay.java.service.billdownload.model.GetTradeBillRequest;
import com.wechat.pay.java.service.billdownload.model.TarType;
import com.wechat.pay.java.service.payments.jsapi.model.Amount;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bills through the SDK: readiness, no-statement days, download with the hash verified,
 * and a bill that parses back to exactly the ledger.
 */
class BillIT {

	static final String MCHID = "1900000002";

	static final MutableClock clock = new MutableClock(OffsetDateTime.parse("2026-03-01T09:00:00+08:00"));

	static Sandbox sandbox;

	static SdkClients sdk;

	@BeforeAll
	static void start() {
		sandbox = Sandbox.start(
				SandboxOptions.builder().merchant(MCHID, "wx0000000000demo02").clock(clock).billReadyHour(0).build());
		sdk = new SdkClients(sandbox, sandbox.merchant(MCHID));
	}

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@Test
	void billOfADayParsesBackToExactlyTheLedger() throws IOException {
		clock.set(OffsetDateTime.parse("2026-03-01T09:00:00+08:00"));
		prepay("BILL0001", 1250);
		prepay("BILL0002", 800);
		prepay("BILL0003", 999);
		prepay("BILL0004", 100);
		clock.set(OffsetDateTime.parse("2026-03-01T09:15:02+08:00"));
		sandbox.control().pay(MCHID, "BILL0001");
		clock.set(OffsetDateTime.parse("2026-03-01T10:02:44+08:00"));
		sandbox.control().pay(MCHID, "BILL0002", 799);
		clock.set(OffsetDateTime.parse("2026-03-01T15:30:10+08:00"));
		refund("BILL0001", "RBILL0001", 500, 1250);
		clock.set(OffsetDateTime.parse("2026-03-01T23:59:59+08:00"));
		sandbox.control().pay(MCHID, "BILL0004");
		clock.set(OffsetDateTime.parse("2026-03-02T00:00:01+08:00"));
		sandbox.control().pay(MCHID, "BILL0003");

		clock.set(OffsetDateTime.parse("2026-03-01T23:59:59+08:00"));
		assertThatThrownBy(() -> sdk.bills().getTradeBill(tradeBill("2026-03-01", TarType.GZIP)))
			.isInstanceOfSatisfying(ServiceException.class,
					(ex) -> assertThat(ex.getErrorCode()).isEqualTo("STATEMENT_CREATING"));
		clock.set(OffsetDateTime.parse("2026-03-02T08:00:00+08:00"));
		assertThatThrownBy(() -> sdk.bills().getTradeBill(tradeBill("2026-02-28", TarType.GZIP)))
			.isInstanceOfSatisfying(ServiceException.class, (ex) -> {
				assertThat(ex.getHttpStatusCode()).isEqualTo(400);
				assertThat(ex.getErrorCode()).isEqualTo("NO_STATEMENT_EXIST");
			});

		String gzipped = download(sdk.bills().getTradeBill(tradeBill("2026-03-01", TarType.GZIP)));
		String plain = download(sdk.bills().getTradeBill(tradeBill("2026-03-01", null)));
		assertThat(plain).isEqualTo(gzipped);

		List<String[]> details = new ArrayList<>();
		String[] lines = plain.split("\n");
		assertThat(lines[0]).startsWith("交易时间,公众账号ID,商户号");
		int summaryAt = Arrays.asList(lines).indexOf("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额");
		for (int i = 1; i < summaryAt; i++) {
			details.add(values(lines[i]));
		}
		Map<String, String> billed = new TreeMap<>();
		for (String[] row : details) {
			billed.put(row[6] + "/" + row[9] + "/" + row[15], row[5] + " " + row[12] + " " + row[16]);
		}
		Map<String, String> expected = new TreeMap<>();
		for (OrderTruth truth : sandbox.control().groundTruth(MCHID)) {
			if (truth.successTime() != null && truth.successTime().toLocalDate().toString().equals("2026-03-01")) {
				expected.put(truth.outTradeNo() + "/SUCCESS/0",
						truth.transactionId() + " " + yuan(truth.paidAmount()) + " 0.00");
			}
			for (OrderTruth.RefundTruth refund : truth.refunds()) {
				expected.put(truth.outTradeNo() + "/REFUND/" + refund.outRefundNo(),
						truth.transactionId() + " 0.00 " + yuan(refund.amount()));
			}
		}
		assertThat(billed).isEqualTo(expected).hasSize(4);

		String[] summary = values(lines[summaryAt + 1]);
		assertThat(summary[0]).isEqualTo(Integer.toString(details.size()));
		assertThat(summary[1]).isEqualTo(sum(details, 12, 2));
		assertThat(summary[2]).isEqualTo(sum(details, 16, 2));
		assertThat(summary[4]).isEqualTo(sum(details, 22, 5));
		assertThat(summary[5]).isEqualTo(sum(details, 24, 2));
		assertThat(summary[6]).isEqualTo(sum(details, 25, 2));
		assertThat(summary).containsExactly("4", "21.49", "5.00", "0.00", "0.09894", "21.49", "5.00");
	}

	@Test
	void fundFlowBillDownloadsWithItsHashVerified() throws IOException {
		clock.set(OffsetDateTime.parse("2026-03-05T10:00:00+08:00"));
		prepay("FUND0001", 2000);
		sandbox.control().pay(MCHID, "FUND0001");
		clock.set(OffsetDateTime.parse("2026-03-06T10:00:00+08:00"));
		GetFundFlowBillRequest request = new GetFundFlowBillRequest();
		request.setBillDate("2026-03-05");
		request.setAccountType(AccountType.BASIC);
		request.setTarType(TarType.GZIP);
		String bill = download(sdk.bills().getFundFlowBill(request));
		assertThat(bill).contains("`收入,`20.00,").endsWith("资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额\n`2,`1,`20.00,`1,`0.12\n");
	}

	static String download(DigestBillEntity entity) throws IOException {
		byte[] bytes;
		try (InputStream in = entity.getInputStream()) {
			bytes = in.readAllBytes();
		}
		assertThat(entity.verifyHash()).isTrue();
		return new String(bytes, StandardCharsets.UTF_8);
	}

	static GetTradeBillRequest tradeBill(String date, TarType tarType) {
		GetTradeBillRequest request = new GetTradeBillRequest();
		request.setBillDate(date);
		request.setBillType(BillType.ALL);
		request.setTarType(tarType);
		return request;
	}

	static String[] values(String line) {
		String[] values = line.split(",", -1);
		for (int i = 0; i < values.length; i++) {
			assertThat(values[i]).startsWith("`");
			values[i] = values[i].substring(1);
		}
		return values;
	}

	static String sum(List<String[]> rows, int column, int scale) {
		return rows.stream()
			.map((r) -> new java.math.BigDecimal(r[column]))
			.reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add)
			.setScale(scale)
			.toPlainString();
	}

	static String yuan(long fen) {
		return java.math.BigDecimal.valueOf(fen).movePointLeft(2).setScale(2).toPlainString();
	}

	static void prepay(String outTradeNo, int total) {
		PrepayRequest request = new PrepayRequest();
		request.setAppid("wx0000000000demo02");
		request.setMchid(MCHID);
		request.setDescription("Bill " + outTradeNo);
		request.setOutTradeNo(outTradeNo);
		request.setNotifyUrl("http://127.0.0.1:9/notify");
		Amount amount = new Amount();
		amount.setTotal(total);
		request.setAmount(amount);
		Payer payer = new Payer();
		payer.setOpenid("oBill" + outTradeNo);
		request.setPayer(payer);
		sdk.jsapi().prepay(request);
	}

	static void refund(String outTradeNo, String outRefundNo, long refund, long total) {
		CreateRequest create = new CreateRequest();
		create.setOutTradeNo(outTradeNo);
		create.setOutRefundNo(outRefundNo);
		AmountReq amount = new AmountReq();
		amount.setRefund(refund);
		amount.setTotal(total);
		amount.setCurrency("CNY");
		create.setAmount(amount);
		sdk.refunds().create(create);
	}

}
