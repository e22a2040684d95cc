package io.paytally.batch.bill;

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
 * client and always call WeChat).
 */
public final class WechatBillDownloads implements BillDownloads {

	private final WechatPayDirectory directory;

	private final Map<String, BillDownloadServiceExtension> services = new ConcurrentHashMap<>();

	public WechatBillDownloads(WechatPayDirectory directory) {
		this.directory = directory;
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
		return new BillDownloadServiceExtension.Builder().httpClient(clients.httpClient())
			.decryptor(clients.config().createDecryptor())
			.build();
	}

}
