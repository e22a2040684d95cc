package io.paytally.stream.intake.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import io.paytally.stream.intake.PaymentIntake;
import io.paytally.stream.intake.PaymentRequest;
import io.paytally.stream.intake.PaymentResult;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * The payment intake API for the merchant's order system.
 * <ul>
 * <li>{@code POST /payments}: pay a merchant order (201 when a payment order was created,
 * 200 when the current one was repeated);</li>
 * <li>{@code GET /payments/{merchantOrderNo}?mchid=}: its payment orders and their
 * states.</li>
 * </ul>
 */
@RestController
@RequestMapping("/payments")
class PaymentController {

	private final PaymentIntake intake;

	PaymentController(PaymentIntake intake) {
		this.intake = intake;
	}

	@PostMapping
	public ResponseEntity<PaymentResponse> pay(@RequestBody(required = false) PaymentRequest request) {
		PaymentResult result = this.intake.pay(request);
		PaymentResponse body = PaymentResponse.of(result);
		if (result.attempt().isNew()) {
			URI location = URI
				.create("/payments/" + UriUtils.encodePathSegment(body.merchantOrderNo(), StandardCharsets.UTF_8)
						+ "?mchid=" + UriUtils.encodeQueryParam(body.mchid(), StandardCharsets.UTF_8));
			return ResponseEntity.status(HttpStatus.CREATED).location(location).body(body);
		}
		return ResponseEntity.ok(body);
	}

	@GetMapping("/{merchantOrderNo}")
	public MerchantOrderView find(@PathVariable String merchantOrderNo,
			@RequestParam(name = "mchid", required = false) String mchid) {
		return MerchantOrderView.of(this.intake.lookUp(mchid, merchantOrderNo));
	}

}
