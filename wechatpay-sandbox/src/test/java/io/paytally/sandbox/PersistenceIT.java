package io.paytally.sandbox;

import java.nio.file.Path;
import java.util.List;

import com.wechat.pay.java.service.payments.jsapi.model.Amount;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest;
import com.wechat.pay.java.service.payments.jsapi.model.QueryOrderByOutTradeNoRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a persist file, a restarted sandbox keeps its ledger and its keys.
 */
class PersistenceIT {

	static final String MCHID = "1900000004";

	@TempDir
	Path directory;

	@Test
	void aRestartKeepsTheLedgerAndTheKeys() {
		SandboxOptions options = SandboxOptions.builder()
			.merchant(MCHID, "wx0000000000demo04")
			.persistFile(this.directory.resolve("ledger.json"))
			.build();
		SandboxMerchant merchant;
		String publicKeyId;
		String publicKeyPem;
		List<OrderTruth> before;
		try (Sandbox sandbox = Sandbox.start(options)) {
			merchant = sandbox.merchant(MCHID);
			publicKeyId = sandbox.platformPublicKeyId();
			publicKeyPem = sandbox.platformPublicKeyPem();
			SdkClients sdk = new SdkClients(sandbox, merchant);
			sdk.jsapi().prepay(prepay("KEEP0001"));
			sdk.jsapi().prepay(prepay("KEEP0002"));
			sandbox.control().pay(MCHID, "KEEP0001");
			sandbox.control().refund(MCHID, "KEEP0001", "RKEEP0001", 40);
			before = sandbox.control().groundTruth(MCHID);
		}
		try (Sandbox sandbox = Sandbox.start(options)) {
			assertThat(sandbox.merchant(MCHID)).isEqualTo(merchant);
			assertThat(sandbox.platformPublicKeyId()).isEqualTo(publicKeyId);
			assertThat(sandbox.platformPublicKeyPem()).isEqualTo(publicKeyPem);
			assertThat(sandbox.control().groundTruth(MCHID)).isEqualTo(before);
			SdkClients sdk = new SdkClients(sandbox, merchant);
			QueryOrderByOutTradeNoRequest query = new QueryOrderByOutTradeNoRequest();
			query.setMchid(MCHID);
			query.setOutTradeNo("KEEP0001");
			assertThat(sdk.jsapi().queryOrderByOutTradeNo(query).getTradeState().name()).isEqualTo("REFUND");
			sdk.jsapi().prepay(prepay("KEEP0003"));
			sandbox.control().pay(MCHID, "KEEP0003");
			assertThat(sandbox.control().groundTruth(MCHID, "KEEP0003").transactionId())
				.isNotIn(before.stream().map(OrderTruth::transactionId).toList());
		}
	}

	static PrepayRequest prepay(String outTradeNo) {
		PrepayRequest request = new PrepayRequest();
		request.setAppid("wx0000000000demo04");
		request.setMchid(MCHID);
		request.setDescription("Keep");
		request.setOutTradeNo(outTradeNo);
		request.setNotifyUrl("http://127.0.0.1:9/notify");
		Amount amount = new Amount();
		amount.setTotal(100);
		request.setAmount(amount);
		Payer payer = new Payer();
		payer.setOpenid("oKeep");
		request.setPayer(payer);
		return request;
	}

}
