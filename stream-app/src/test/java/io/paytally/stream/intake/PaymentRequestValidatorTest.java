package io.paytally.stream.intake;

import java.time.Instant;

import io.paytally.stream.intake.order.PaymentOrder;
import io.paytally.stream.intake.prepay.TradeType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PaymentRequestValidatorTest {

	private final PaymentRequestValidator validator = new PaymentRequestValidator("1900000001"::equals);

	@Test
	void acceptsANativeRequest() {
		PaymentOrder order = this.validator
			.validate(new PaymentRequest("1900000001", "ORDER1", 1250L, "Demo A", "native", "ignored", null));

		assertThat(order)
			.isEqualTo(new PaymentOrder("1900000001", "ORDER1", 1250, "Demo A", TradeType.NATIVE, null, null));
	}

	@Test
	void acceptsAJsapiRequestWithExpiry() {
		PaymentOrder order = this.validator.validate(new PaymentRequest("1900000001", "ORDER1", 1L, "Demo A", "JSAPI",
				"oDemoOpenid01", "2026-11-23T20:00:00+08:00"));

		assertThat(order).isEqualTo(new PaymentOrder("1900000001", "ORDER1", 1, "Demo A", TradeType.JSAPI,
				"oDemoOpenid01", Instant.parse("2026-11-23T12:00:00Z")));
	}

	@Test
	void namesEveryWrongField() {
		assertThatExceptionOfType(InvalidPaymentRequest.class)
			.isThrownBy(() -> this.validator
				.validate(new PaymentRequest("1900000009", " ", 0L, "x".repeat(128), "JSAPI", null, "tomorrow")))
			.satisfies((ex) -> assertThat(ex.errors()).containsExactly(
					new FieldError("mchid", "merchant 1900000009 is not served here"),
					new FieldError("merchant_order_no", "is required"),
					new FieldError("amount", "must be at least 1 fen, was 0"),
					new FieldError("description", "must have at most 127 characters, has 128"),
					new FieldError("payer_openid", "is required for JSAPI"),
					new FieldError("time_expire", "must be an RFC 3339 time like 2026-11-23T20:00:00+08:00")));
	}

	@Test
	void requiresMerchantAmountDescriptionAndTradeType() {
		assertThatExceptionOfType(InvalidPaymentRequest.class)
			.isThrownBy(
					() -> this.validator.validate(new PaymentRequest(null, "ORDER1", null, null, "CARD", null, null)))
			.satisfies((ex) -> assertThat(ex.errors()).containsExactly(new FieldError("mchid", "is required"),
					new FieldError("amount", "is required (in fen)"), new FieldError("description", "is required"),
					new FieldError("trade_type", "must be NATIVE or JSAPI, was CARD")));
	}

	@Test
	void countsDescriptionInCharactersNotBytes() {
		PaymentOrder order = this.validator
			.validate(new PaymentRequest("1900000001", "ORDER1", 1L, "商".repeat(127), "NATIVE", null, null));

		assertThat(order.description()).hasSize(127);
	}

	@Test
	void refusesControlCharactersAndOverlongMerchantOrderNumbers() {
		assertThatExceptionOfType(InvalidPaymentRequest.class)
			.isThrownBy(() -> this.validator
				.validate(new PaymentRequest("1900000001", "A\nB", 1L, "Demo", "NATIVE", null, null)))
			.satisfies((ex) -> assertThat(ex.errors())
				.containsExactly(new FieldError("merchant_order_no", "must not contain control characters or blanks")));
		assertThatExceptionOfType(InvalidPaymentRequest.class)
			.isThrownBy(() -> this.validator
				.validate(new PaymentRequest("1900000001", "A".repeat(65), 1L, "Demo", "NATIVE", null, null)))
			.satisfies((ex) -> assertThat(ex.errors())
				.containsExactly(new FieldError("merchant_order_no", "must have at most 64 characters, has 65")));
	}

	@Test
	void newOrdersMustBePayableBetweenOneMinuteAndNinetyDays() {
		Instant createdAt = Instant.parse("2026-11-23T12:00:00Z");

		assertThatExceptionOfType(InvalidPaymentRequest.class)
			.isThrownBy(() -> this.validator.checkNewExpiry(createdAt.plusSeconds(59), createdAt))
			.satisfies((ex) -> assertThat(ex.errors()).extracting(FieldError::field).containsExactly("time_expire"));
		assertThatExceptionOfType(InvalidPaymentRequest.class)
			.isThrownBy(() -> this.validator.checkNewExpiry(createdAt.plusSeconds(90L * 86400 + 1), createdAt));
		this.validator.checkNewExpiry(createdAt.plusSeconds(60), createdAt);
	}

}
