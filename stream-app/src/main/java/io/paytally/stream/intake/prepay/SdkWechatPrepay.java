package io.paytally.stream.intake.prepay;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.WechatPayException;
import com.wechat.pay.java.service.payments.jsapi.JsapiServiceExtension;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayWithRequestPaymentResponse;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import io.paytally.wechat.WechatPayClients;
import io.paytally.wechat.WechatPayDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepays through the official SDK: {@code NativePayService.prepay} for NATIVE (code_url)
 * and {@code JsapiServiceExtension.prepayWithRequestPayment} for JSAPI (which signs the
 * {@code wx.requestPayment} parameters with the merchant key).
 */
public final class SdkWechatPrepay implements WechatPrepay {

	private static final Logger log = LoggerFactory.getLogger(SdkWechatPrepay.class);

	/** WeChat's RFC 3339 form, in Beijing time as its own examples. */
	static final DateTimeFormatter TIME_EXPIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
		.withZone(ZoneOffset.ofHours(8));

	/** Error codes WeChat uses for an out_trade_no it holds with other parameters. */
	private static final Set<String> OTHER_PARAMETERS = Set.of("INVALID_REQUEST", "OUT_TRADE_NO_USED",
			"ORDER_NO_DIFFERENT", "ORDERNO_DIFFERENT");

	private static final Set<String> PAID = Set.of("ORDERPAID", "ORDER_PAID");

	private static final Set<String> CLOSED = Set.of("ORDERCLOSED", "ORDER_CLOSED");

	private final WechatPayDirectory directory;

	private final Map<String, NativePayService> nativeServices = new ConcurrentHashMap<>();

	private final Map<String, JsapiServiceExtension> jsapiServices = new ConcurrentHashMap<>();

	public SdkWechatPrepay(WechatPayDirectory directory) {
		this.directory = directory;
	}

	@Override
	public PayParameters prepay(PrepayCall call) {
		WechatPayClients clients = this.directory.get(call.mchid());
		try {
			return switch (call.tradeType()) {
				case NATIVE -> nativePrepay(clients, call);
				case JSAPI -> jsapiPrepay(clients, call);
			};
		}
		catch (ServiceException ex) {
			throw refusal(call, ex);
		}
		catch (HttpException ex) {
			log.warn("Prepay of {} did not reach WeChat", call.outTradeNo(), ex);
			throw new WechatPayUnavailable(call.outTradeNo(), "WeChat Pay could not be reached", ex);
		}
		catch (WechatPayException | IllegalArgumentException ex) {
			log.warn("Prepay of {} got a reply that does not verify", call.outTradeNo(), ex);
			throw new WechatPayUnavailable(call.outTradeNo(), "WeChat Pay's reply could not be verified", ex);
		}
	}

	private PayParameters nativePrepay(WechatPayClients clients, PrepayCall call) {
		NativePayService service = this.nativeServices.computeIfAbsent(call.mchid(),
				(mchid) -> new NativePayService.Builder().httpClient(clients.httpClient()).build());
		var request = new com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest();
		request.setAppid(clients.merchant().appid());
		request.setMchid(call.mchid());
		request.setDescription(call.description());
		request.setOutTradeNo(call.outTradeNo());
		request.setTimeExpire(timeExpire(call.timeExpire()));
		request.setNotifyUrl(call.notifyUrl());
		var amount = new com.wechat.pay.java.service.payments.nativepay.model.Amount();
		amount.setTotal(Math.toIntExact(call.amount()));
		amount.setCurrency("CNY");
		request.setAmount(amount);
		return PayParameters.nativePay(service.prepay(request).getCodeUrl());
	}

	private PayParameters jsapiPrepay(WechatPayClients clients, PrepayCall call) {
		JsapiServiceExtension service = this.jsapiServices.computeIfAbsent(call.mchid(),
				(mchid) -> new JsapiServiceExtension.Builder().config(clients.config())
					.httpClient(clients.httpClient())
					.build());
		var request = new com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest();
		request.setAppid(clients.merchant().appid());
		request.setMchid(call.mchid());
		request.setDescription(call.description());
		request.setOutTradeNo(call.outTradeNo());
		request.setTimeExpire(timeExpire(call.timeExpire()));
		request.setNotifyUrl(call.notifyUrl());
		var amount = new com.wechat.pay.java.service.payments.jsapi.model.Amount();
		amount.setTotal(Math.toIntExact(call.amount()));
		amount.setCurrency("CNY");
		request.setAmount(amount);
		var payer = new com.wechat.pay.java.service.payments.jsapi.model.Payer();
		payer.setOpenid(call.payerOpenid());
		request.setPayer(payer);
		PrepayWithRequestPaymentResponse response = service.prepayWithRequestPayment(request);
		return PayParameters.jsapi(new JsapiPayParameters(response.getAppId(), response.getTimeStamp(),
				response.getNonceStr(), response.getPackageVal(), response.getSignType(), response.getPaySign()));
	}

	static String timeExpire(Instant instant) {
		return TIME_EXPIRE.format(instant);
	}

	private static RuntimeException refusal(PrepayCall call, ServiceException ex) {
		String code = (ex.getErrorCode() != null) ? ex.getErrorCode() : "";
		String said = "WeChat answered " + ex.getHttpStatusCode() + " " + code + " \"" + ex.getErrorMessage() + "\"";
		int status = ex.getHttpStatusCode();
		if (PAID.contains(code)) {
			return new WechatRefusedOrder(WechatRefusedOrder.Kind.PAID, said);
		}
		if (CLOSED.contains(code)) {
			return new WechatRefusedOrder(WechatRefusedOrder.Kind.CLOSED, said);
		}
		if ((status == 400 || status == 403) && OTHER_PARAMETERS.contains(code)) {
			log.info("WeChat refuses the parameters of {}: {}", call.outTradeNo(), said);
			return new WechatRefusedOrder(WechatRefusedOrder.Kind.OTHER_PARAMETERS, said);
		}
		log.warn("Prepay of {} failed: {}", call.outTradeNo(), said);
		return new WechatPayUnavailable(call.outTradeNo(), said, ex);
	}

}
