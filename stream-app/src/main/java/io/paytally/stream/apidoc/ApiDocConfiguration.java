package io.paytally.stream.apidoc;

import java.util.List;
import java.util.Map;

import io.paytally.schemas.OrderPaymentState;
import io.paytally.stream.query.OrderStateQueries;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The document's frame: what the API is, how a caller authenticates (an API key as
 * {@code Authorization: Bearer <key>} or {@code X-Api-Key}), and the refusals every
 * operation can answer (401 without a valid key, 403 for a merchant the caller may not
 * act for) with the API's error body.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocConfiguration {

	static final String BEARER = "apiKeyBearer";

	static final String HEADER = "apiKeyHeader";

	static final String ERROR = "Error";

	@Bean
	OpenAPI paytallyOpenApi() {
		Schema<?> error = new ObjectSchema().description("The body of every refusal")
			.addProperty("code", new StringSchema().description(
					"What happened, stable for programs: UNAUTHENTICATED, MERCHANT_NOT_ALLOWED, INVALID_REQUEST, "
							+ "ALREADY_PAID, ORDER_NOT_FOUND, PARAM_ERROR, ..."))
			.addProperty("message", new StringSchema().description("One sentence for a person"))
			.addProperty("out_trade_no", new StringSchema().description("The payment order concerned, if any"))
			.addProperty("errors",
					new ArraySchema().description("The wrong fields of an invalid request")
						.items(new ObjectSchema()
							.addProperty("field", new StringSchema().description("The field, as in the body"))
							.addProperty("reason", new StringSchema().description("What is wrong with it"))))
			.required(List.of("code", "message"));
		return new OpenAPI()
			.info(new Info().title("paytally stream-app API")
				.version("1")
				.description("Payment intake (POST /payments, GET /payments/{merchantOrderNo}) and the order "
						+ "query (GET /orders/{outTradeNo}) for the merchant's order system. Every call needs a "
						+ "caller's API key (paytally.security.callers) and acts for one merchant (mchid) the "
						+ "caller is allowed."))
			.servers(List.of(new Server().url("/").description("the stream-app instance serving this document")))
			.components(new Components().schemas(new java.util.LinkedHashMap<>(Map.of(ERROR, error)))
				.addSecuritySchemes(BEARER,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("Authorization: Bearer <API key>"))
				.addSecuritySchemes(HEADER,
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name("X-Api-Key")
							.description("The same API key in a header of its own")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER))
			.addSecurityItem(new SecurityRequirement().addList(HEADER));
	}

	/**
	 * What springdoc cannot see: the API's snake_case JSON (its records name it with
	 * Jackson 3's {@code @JsonNaming}, which swagger-core does not read), the order
	 * query's body (written as a string of {@code orders.state}'s JSON), the statuses the
	 * error handlers answer, the required {@code mchid}, and the instances' hop header
	 * (not for callers).
	 */
	@Bean
	OpenApiCustomizer paytallyApiCustomizer() {
		return (openApi) -> {
			Map<String, Schema> resolved = ModelConverters.getInstance()
				.readAll(new AnnotatedType(OrderPaymentState.class));
			resolved.forEach((name, schema) -> openApi.getComponents().addSchemas(name, schema));
			openApi.getComponents().getSchemas().forEach((name, schema) -> {
				if (!List.of(ERROR, "JsapiPayParameters", "FieldError").contains(name)) {
					snakeCase(schema);
				}
			});
			openApi.getComponents().getSchemas().forEach(ApiDocConfiguration::describeFields);
			openApi.getPaths().forEach((path, item) -> item.readOperations().forEach((operation) -> {
				if (operation.getParameters() != null) {
					operation.getParameters()
						.removeIf((parameter) -> OrderStateQueries.LOCAL_ONLY_HEADER.equals(parameter.getName()));
					operation.getParameters()
						.stream()
						.filter((parameter) -> FieldDescriptions.PARAMETERS.containsKey(parameter.getName()))
						.forEach((parameter) -> parameter
							.description(FieldDescriptions.PARAMETERS.get(parameter.getName())));
					operation.getParameters()
						.stream()
						.filter((parameter) -> "mchid".equals(parameter.getName()))
						.forEach((parameter) -> parameter.required(true)
							.description("The merchant: an order number is unique only within one merchant"));
				}
				ApiResponses responses = operation.getResponses();
				responses.values().forEach(ApiDocConfiguration::jsonOnly);
				switch (path) {
					case "/payments" -> {
						responses.addApiResponse("201",
								new ApiResponse()
									.description("A payment order was created at WeChat Pay (Location: its GET)")
									.content(responses.get("200").getContent()));
						responses.get("200")
							.description("The merchant order's current payment order, repeated (nothing new created)");
						responses.addApiResponse("400", refusal("INVALID_REQUEST: every wrong field in errors"));
						responses.addApiResponse("409", refusal(
								"ALREADY_PAID, PAYMENT_UNDER_REVIEW, PAYMENT_DATA_CONFLICT (same merchant order, other "
										+ "amount or description), PAYMENT_ORDER_CLOSING (Retry-After), ATTEMPTS_EXHAUSTED"));
						responses.addApiResponse("413", refusal("PAYLOAD_TOO_LARGE: a body above 64 KiB"));
						responses.addApiResponse("502",
								refusal("WECHATPAY_UNAVAILABLE: WeChat Pay did not answer; the same request again "
										+ "prepays the same payment order (Retry-After)"));
						responses.addApiResponse("503", refusal("BUSY, STATE_UNAVAILABLE, EVENT_NOT_ACKNOWLEDGED, "
								+ "CREATION_NOT_APPLIED (the payment order's creation is under way, also for a repeat "
								+ "whose time_expire is too near for a new one): try again (Retry-After)"));
					}
					case "/payments/{merchantOrderNo}" -> {
						responses.get("200").description("The merchant order's payment orders and their states");
						responses.addApiResponse("400", refusal(
								"INVALID_REQUEST: mchid missing or not served here, or an invalid merchant order "
										+ "number (every wrong field in errors)"));
						responses.addApiResponse("404", refusal("NOT_FOUND: no payment order for this merchant order"));
						responses.addApiResponse("503", refusal("STATE_UNAVAILABLE: try again (Retry-After)"));
					}
					case "/orders/{outTradeNo}" -> {
						responses.get("200")
							.description("The order's current payment state, as on orders.state")
							.content(json("#/components/schemas/OrderPaymentState"));
						responses.addApiResponse("400", refusal("PARAM_ERROR: mchid missing"));
						responses.addApiResponse("404", refusal("ORDER_NOT_FOUND"));
						responses.addApiResponse("503", refusal("STATE_NOT_AVAILABLE: the order's store is not "
								+ "readable right now (rebalance, restore)"));
					}
					default -> {
					}
				}
				responses.addApiResponse("401", refusal("UNAUTHENTICATED: no valid API key"));
				responses.addApiResponse("403",
						refusal("MERCHANT_NOT_ALLOWED: the caller may not act for this merchant"));
			}));
		};
	}

	/** Every field's meaning ({@link FieldDescriptions}), by its JSON name. */
	@SuppressWarnings("rawtypes")
	private static void describeFields(String name, Schema<?> schema) {
		Map<String, String> descriptions = FieldDescriptions.BY_SCHEMA.getOrDefault(name, Map.of());
		if (schema.getProperties() != null) {
			for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
				String description = descriptions.get(property.getKey());
				if (description != null) {
					property.getValue().description(description);
				}
			}
		}
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void snakeCase(Schema<?> schema) {
		if (schema.getProperties() != null) {
			Map<String, Schema> renamed = new java.util.LinkedHashMap<>();
			schema.getProperties().forEach((name, property) -> renamed.put(snake(name), property));
			schema.setProperties(renamed);
		}
		if (schema.getRequired() != null) {
			schema.setRequired(schema.getRequired().stream().map(ApiDocConfiguration::snake).toList());
		}
	}

	static String snake(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
	}

	private static void jsonOnly(ApiResponse response) {
		if (response.getContent() != null && response.getContent().containsKey("*/*")) {
			MediaType media = response.getContent().remove("*/*");
			response.getContent().addMediaType("application/json", media);
		}
	}

	private static Content json(String ref) {
		return new Content().addMediaType("application/json", new MediaType().schema(new Schema<>().$ref(ref)));
	}

	private static ApiResponse refusal(String description) {
		return new ApiResponse().description(description).content(json("#/components/schemas/" + ERROR));
	}

}
