package io.paytally.stream.activequery;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.service.payments.jsapi.JsapiService;
import com.wechat.pay.java.service.payments.jsapi.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.jsapi.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.payments.model.Transaction;

import io.paytally.wechat.WechatPayDirectory;

/**
 * {@link WechatOrders} through the official SDK ({@link JsapiService}: every payments
 * service shares the query and close URLs), with the host-rewriting HTTP client of each
 * merchant.
 */
class SdkWechatOrders implements WechatOrders {

	private final WechatPayDirectory directory;

	private final Map<String, JsapiService> services = new ConcurrentHashMap<>();

	SdkWechatOrders(WechatPayDirectory directory) {
		this.directory = directory;
	}

	@Override
	public Optional<Transaction> query(String mchid, String outTradeNo) {
		QueryOrderByOutTradeNoRequest request = new QueryOrderByOutTradeNoRequest();
		request.setMchid(mchid);
		request.setOutTradeNo(outTradeNo);
		try {
			return Optional.of(service(mchid).queryOrderByOutTradeNo(request));
		}
		catch (ServiceException ex) {
			if (ex.getHttpStatusCode() == 404 || "ORDER_NOT_EXIST".equals(ex.getErrorCode())) {
				return Optional.empty();
			}
			throw translate("query", outTradeNo, ex);
		}
		catch (HttpException ex) {
			throw new WechatUnavailable("Query of " + outTradeNo + " failed: " + ex.getMessage(), ex);
		}
		catch (ValidationException ex) {
			throw new WechatReplyUnverified(
					"Query of " + outTradeNo + " got a reply that does not verify: " + ex.getMessage(), ex);
		}
	}

	@Override
	public boolean close(String mchid, String outTradeNo) {
		CloseOrderRequest request = new CloseOrderRequest();
		request.setMchid(mchid);
		request.setOutTradeNo(outTradeNo);
		try {
			service(mchid).closeOrder(request);
			return true;
		}
		catch (ServiceException ex) {
			if ("ORDER_PAID".equals(ex.getErrorCode())) {
				return false;
			}
			if ("ORDER_CLOSED".equals(ex.getErrorCode())) {
				return true;
			}
			throw translate("close", outTradeNo, ex);
		}
		catch (HttpException ex) {
			throw new WechatUnavailable("Close of " + outTradeNo + " failed: " + ex.getMessage(), ex);
		}
		catch (ValidationException ex) {
			throw new WechatReplyUnverified(
					"Close of " + outTradeNo + " got a reply that does not verify: " + ex.getMessage(), ex);
		}
	}

	private RuntimeException translate(String what, String outTradeNo, ServiceException ex) {
		String message = what + " of " + outTradeNo + " answered " + ex.getHttpStatusCode() + " " + ex.getErrorCode()
				+ " " + ex.getErrorMessage();
		if (ex.getHttpStatusCode() == 429 || ex.getHttpStatusCode() >= 500) {
			return new WechatUnavailable(message, ex);
		}
		return new WechatRefused(message, ex);
	}

	private JsapiService service(String mchid) {
		return this.services.computeIfAbsent(mchid,
				(id) -> new JsapiService.Builder().httpClient(this.directory.get(id).httpClient()).build());
	}

}
