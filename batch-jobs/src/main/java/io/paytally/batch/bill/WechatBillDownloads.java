package io.paytally.batch.bill;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.wechat.pay.java.service.billdownload.BillDownloadServiceExtension;
import com.wechat.pay.java.service.billdownload.DigestBillEntity;
import com.wechat.pay.java.service.billdownload.model.BillType;
import com.wechat.pay.java.service.billdownload.model.GetTradeBillRequest;
import com.wechat.pay.java.service.billdownload.model.TarType;
import io.paytally.wechat.WechatPayClients;
import io.paytally.wechat.WechatPayDirectory;

/**
 * Downloads trade bills with the SDK's {@link BillDownloadServiceExtension}, built with
 * the merchant's host-rewriting HTTP client (its {@code config(...)} would build its own
 * client and always call WeChat), reading for the bill's own timeout: WeChat prepares a
 * large merchant's bill when asked, far slower than it answers a query.
 */
public final class WechatBillDownloads implements BillDownloads {

	private final WechatPayDirectory directory;

	private final Duration readTimeout;

	private final Map<String, BillDownloadServiceExtension> services = new ConcurrentHashMap<>();

	/**
	 * @param readTimeout how long the bill's request and download wait for a reply
	 */
	public WechatBillDownloads(WechatPayDirectory directory, Duration readTimeout) {
		this.directory = directory;
		this.readTimeout = readTimeout;
	}

	@Override
	public DigestBillEntity tradeBill(String mchid, LocalDate billDate) {
		GetTradeBillRequest request = new GetTradeBillRequest();
		request.setBillDate(billDate.toString());
		request.setBillType(BillType.ALL);
		request.setTarType(TarType.GZIP);
		return this.services.computeIfAbsent(mchid, this::service).getTradeBill(request);
	}

	private BillDownloadServiceExtension service(String mchid) {
		WechatPayClients clients = this.directory.get(mchid);
		return new BillDownloadServiceExtension.Builder().httpClient(clients.httpClient(this.readTimeout))
			.decryptor(clients.config().createDecryptor())
			.build();
	}

}
