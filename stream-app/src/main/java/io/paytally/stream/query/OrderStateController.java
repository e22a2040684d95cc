package io.paytally.stream.query;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.paytally.schemas.OrderPaymentState;
import io.paytally.schemas.serde.Json;

/**
 * {@code GET /orders/{outTradeNo}?mchid=...}: the order's current payment state, in the
 * JSON of {@code orders.state}. The merchant is required, as in WeChat's own query (an
 * out_trade_no is unique only within one merchant): 400 without it, 404 when the merchant
 * has no such order, 503 while its store cannot be read.
 */
@RestController
class OrderStateController {

	private final OrderStateQueries queries;

	OrderStateController(OrderStateQueries queries) {
		this.queries = queries;
	}

	@GetMapping(path = "/orders/{outTradeNo}", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> order(@PathVariable String outTradeNo, @RequestParam(required = false) String mchid,
			@RequestHeader(name = OrderStateQueries.LOCAL_ONLY_HEADER, required = false) boolean localOnly) {
		if (mchid == null || mchid.isBlank()) {
			return error(HttpStatus.BAD_REQUEST, "PARAM_ERROR",
					"mchid is required: an out_trade_no is unique only within one merchant");
		}
		var state = localOnly ? this.queries.findLocally(mchid, outTradeNo) : this.queries.find(mchid, outTradeNo);
		return state.map((s) -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json(s)))
			.orElseGet(() -> error(HttpStatus.NOT_FOUND, "ORDER_NOT_FOUND",
					"No order " + outTradeNo + " of merchant " + mchid));
	}

	@ExceptionHandler(StateNotAvailable.class)
	ResponseEntity<String> notAvailable(StateNotAvailable ex) {
		return error(HttpStatus.SERVICE_UNAVAILABLE, "STATE_NOT_AVAILABLE", ex.getMessage());
	}

	private static String json(OrderPaymentState state) {
		return Json.mapper().writeValueAsString(state);
	}

	private static ResponseEntity<String> error(HttpStatus status, String code, String message) {
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Json.mapper().writeValueAsString(Map.of("code", code, "message", message)));
	}

}
