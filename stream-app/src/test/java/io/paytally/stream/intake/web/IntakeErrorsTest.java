package io.paytally.stream.intake.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.paytally.stream.intake.CreationNotYetApplied;
import io.paytally.stream.intake.FieldError;
import io.paytally.stream.intake.IntakeProperties;
import io.paytally.stream.intake.order.AlreadyPaid;
import io.paytally.stream.intake.order.AttemptClosing;
import io.paytally.wechat.UnknownMerchant;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.web.bind.annotation.ExceptionHandler;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeErrorsTest {

	private final IntakeErrors errors = new IntakeErrors(IntakeProperties.defaults());

	@Test
	void handlesExactlyTheFactsOfTheRefusalTable() throws NoSuchMethodException {
		ExceptionHandler handler = IntakeErrors.class.getDeclaredMethod("refuse", Exception.class)
			.getAnnotation(ExceptionHandler.class);
		List<Class<?>> facts = IntakeErrors.REFUSALS.stream().<Class<?>>map(IntakeErrors.Refusal::fact).toList();
		assertThat(facts).doesNotHaveDuplicates().containsExactlyInAnyOrder(handler.value());
	}

	@Test
	void refusesAnUnservedMerchantAsAnInvalidMchid() {
		ResponseEntity<ErrorBody> answer = this.errors.refuse(new UnknownMerchant("1900000999"));
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(answer.getHeaders().isEmpty()).isTrue();
		assertThat(answer.getBody())
			.isEqualTo(new ErrorBody("INVALID_REQUEST", "mchid: merchant 1900000999 is not served here", null,
					List.of(new FieldError("mchid", "merchant 1900000999 is not served here"))));
	}

	@Test
	void refusesAnUnreadableBodyAsAnInvalidRequest() {
		ResponseEntity<ErrorBody> answer = this.errors
			.refuse(new HttpMessageNotReadableException("no JSON", new MockHttpInputMessage(new byte[0])));
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(answer.getBody()).isEqualTo(new ErrorBody("INVALID_REQUEST", "body: is not a readable JSON object",
				null, List.of(new FieldError("body", "is not a readable JSON object"))));
	}

	@Test
	void refusesAPaidMerchantOrderWithItsPaymentOrderAndNoRetry() {
		ResponseEntity<ErrorBody> answer = this.errors.refuse(new AlreadyPaid("M-1", "M-1_01"));
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(answer.getHeaders().isEmpty()).isTrue();
		assertThat(answer.getBody()).isEqualTo(new ErrorBody("ALREADY_PAID",
				"merchant order M-1 is already paid (out_trade_no M-1_01)", "M-1_01", null));
	}

	@Test
	void asksToRetryACreationTheStoreHasNotAppliedYetRatherThanRefuseIt() {
		ResponseEntity<ErrorBody> answer = this.errors.refuse(new CreationNotYetApplied("M-1-1"));
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(answer.getHeaders().toSingleValueMap()).containsExactly(Map.entry(HttpHeaders.RETRY_AFTER, "30"));
		assertThat(answer.getBody()).isEqualTo(new ErrorBody("CREATION_NOT_APPLIED",
				"the creation of payment order M-1-1 is not applied by the payment state yet; retry the same request",
				"M-1-1", null));
	}

	@Test
	void asksToRetryAClosingPaymentOrderAfterTheConfiguredDelay() {
		ResponseEntity<ErrorBody> answer = this.errors.refuse(new AttemptClosing("M-1", "M-1_01", "has expired"));
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(answer.getHeaders().toSingleValueMap()).containsExactly(Map.entry(HttpHeaders.RETRY_AFTER, "30"));
		assertThat(answer.getBody()).isEqualTo(new ErrorBody("PAYMENT_ORDER_CLOSING",
				"payment order M-1_01 of merchant order M-1 has expired; it is being closed, retry after it is closed",
				"M-1_01", null));
	}

	/**
	 * The OpenAPI document kept in the repository (and served, see {@code ApiSecurityIT})
	 * names every refusal of the table under its status on an intake operation, and says
	 * when to retry.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void documentsEveryRefusalUnderItsStatusInTheOpenApiDocument() throws IOException {
		Map<String, Object> document = new Yaml()
			.load(Files.readString(Path.of("openapi.yaml"), StandardCharsets.UTF_8));
		Map<String, Object> paths = (Map<String, Object>) document.get("paths");
		List<Map<String, Object>> intake = List.of(
				(Map<String, Object>) ((Map<String, Object>) paths.get("/payments")).get("post"),
				(Map<String, Object>) ((Map<String, Object>) paths.get("/payments/{merchantOrderNo}")).get("get"));

		for (IntakeErrors.Refusal<?> refusal : IntakeErrors.REFUSALS) {
			String status = Integer.toString(refusal.status().value());
			List<String> descriptions = intake.stream()
				.map((operation) -> (Map<String, Object>) ((Map<String, Object>) operation.get("responses"))
					.get(status))
				.filter(java.util.Objects::nonNull)
				.map((response) -> (String) response.get("description"))
				.filter((description) -> description.contains(refusal.code()))
				.toList();
			assertThat(descriptions).as(refusal.code() + " under " + status).isNotEmpty();
			if (refusal.retryLater()) {
				assertThat(descriptions).as(refusal.code() + " says when to retry")
					.allMatch((description) -> description.contains("Retry-After"));
			}
		}
	}

}
