package io.paytally.batch.repair;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.Amount;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import io.paytally.schemas.NotificationSource;
import io.paytally.schemas.RefundNotification;
import io.paytally.schemas.RefundStatus;
import io.paytally.wechat.WechatPayDirectory;

/**
 * Queries a refund by out_refund_no with the SDK's {@link RefundService}, built on the
 * merchant's host-rewriting HTTP client.
 */
public final class WechatRefundLookup implements RefundLookup {

	private final WechatPayDirectory directory;

	private final Map<String, RefundService> services = new ConcurrentHashMap<>();

	public WechatRefundLookup(WechatPayDirectory directory) {
		this.directory = directory;
	}

	@Override
	public Optional<RefundNotification> find(String mchid, String outRefundNo, Instant receivedAt) {
		QueryByOutRefundNoRequest request = new QueryByOutRefundNoRequest();
		request.setOutRefundNo(outRefundNo);
		Refund refund;
		try {
			refund = this.services.computeIfAbsent(mchid, this::service).queryByOutRefundNo(request);
		}
		catch (ServiceException ex) {
			if (ex.getHttpStatusCode() == 404) {
				return Optional.empty();
			}
			throw ex;
		}
		Amount amount = refund.getAmount();
		return Optional.of(new RefundNotification("bill-refund:" + mchid + ":" + outRefundNo, NotificationSource.BILL,
				mchid, refund.getOutTradeNo(), refund.getTransactionId(), refund.getOutRefundNo(), refund.getRefundId(),
				RefundStatus.valueOf(refund.getStatus().name()), amount.getTotal(), amount.getRefund(),
				amount.getPayerTotal(), amount.getPayerRefund(),
				(refund.getSuccessTime() != null) ? OffsetDateTime.parse(refund.getSuccessTime()).toInstant() : null,
				receivedAt));
	}

	private RefundService service(String mchid) {
		return new RefundService.Builder().httpClient(this.directory.get(mchid).httpClient()).build();
	}

}
