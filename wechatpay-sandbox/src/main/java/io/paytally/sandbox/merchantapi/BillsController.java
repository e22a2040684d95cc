package io.paytally.sandbox.merchantapi;

import io.paytally.sandbox.bill.BillService;
import io.paytally.sandbox.keys.MerchantKeys;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Trade and fund-flow bill requests (signed replies) and the bill download (unsigned
 * bytes).
 */
@RestController
class BillsController {

	private final RequestAuthenticator authenticator;

	private final SignedReplies replies;

	private final BillService bills;

	BillsController(RequestAuthenticator authenticator, SignedReplies replies, BillService bills) {
		this.authenticator = authenticator;
		this.replies = replies;
		this.bills = bills;
	}

	@GetMapping("/v3/bill/tradebill")
	void tradeBill(@RequestParam("bill_date") String billDate,
			@RequestParam(name = "bill_type", required = false) String billType,
			@RequestParam(name = "tar_type", required = false) String tarType, HttpServletRequest request,
			HttpServletResponse response) {
		MerchantKeys merchant = this.authenticator.authenticate(request, Requests.body(request));
		this.replies.ok(request, response, this.bills.requestTradeBill(merchant.mchid(), billDate, billType, tarType));
	}

	@GetMapping("/v3/bill/fundflowbill")
	void fundFlowBill(@RequestParam("bill_date") String billDate,
			@RequestParam(name = "account_type", required = false) String accountType,
			@RequestParam(name = "tar_type", required = false) String tarType, HttpServletRequest request,
			HttpServletResponse response) {
		MerchantKeys merchant = this.authenticator.authenticate(request, Requests.body(request));
		this.replies.ok(request, response,
				this.bills.requestFundFlowBill(merchant.mchid(), billDate, accountType, tarType));
	}

	@GetMapping("/v3/billdownload/file")
	ResponseEntity<byte[]> download(@RequestParam(required = false) String token, HttpServletRequest request) {
		MerchantKeys merchant = this.authenticator.authenticate(request, Requests.body(request));
		return ResponseEntity.ok()
			.header("Content-Type", "application/octet-stream")
			.header("Request-ID", io.paytally.sandbox.crypto.Signatures.hex(16) + "-0")
			.body(this.bills.download(merchant.mchid(), token));
	}

}
