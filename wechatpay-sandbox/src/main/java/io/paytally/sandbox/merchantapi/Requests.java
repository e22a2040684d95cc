package io.paytally.sandbox.merchantapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.paytally.sandbox.ledger.WechatError;
import io.paytally.sandbox.ledger.WireFormat;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;

/**
 * Reading merchant requests: the raw body (as signed) and its JSON fields.
 */
final class Requests {

	private Requests() {
	}

	static byte[] body(HttpServletRequest request) {
		try {
			return request.getInputStream().readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> json(byte[] body) {
		try {
			Map<String, Object> map = WireFormat.mapper().readValue(body, Map.class);
			if (map == null) {
				throw new WechatError.ParamError("请求体为空");
			}
			return map;
		}
		catch (JacksonException ex) {
			throw new WechatError.ParamError("请求体不是合法的JSON: " + ex.getOriginalMessage());
		}
	}

	static String text(Map<String, Object> json, String path, boolean required) {
		Object value = value(json, path);
		if (value == null || value.toString().isEmpty()) {
			if (required) {
				throw new WechatError.ParamError(
						"输入源“/body/" + path.replace('.', '/') + "”映射到字段“" + path + "”必填性规则校验失败，此字段为必填项");
			}
			return null;
		}
		return value.toString();
	}

	static long amount(Map<String, Object> json, String path, boolean required) {
		Object value = value(json, path);
		if (value == null) {
			if (required) {
				throw new WechatError.ParamError(path + " 为必填项");
			}
			return -1;
		}
		if (!(value instanceof Number number) || number.longValue() < 1) {
			throw new WechatError.ParamError(path + " 必须为大于0的整数(分)");
		}
		return number.longValue();
	}

	@SuppressWarnings("unchecked")
	private static Object value(Map<String, Object> json, String path) {
		Object current = json;
		for (String part : path.split("\\.")) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = ((Map<String, Object>) map).get(part);
		}
		return current;
	}

}
