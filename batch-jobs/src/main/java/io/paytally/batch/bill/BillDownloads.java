package io.paytally.batch.bill;

import java.time.LocalDate;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.billdownload.DigestBillEntity;

/**
 * Where trade bills come from: WeChat Pay (or the sandbox) through the official SDK.
 */
@FunctionalInterface
public interface BillDownloads {

	/**
	 * Asks for a merchant's ALL trade bill of a day, gzip-compressed.
	 * @param mchid the merchant
	 * @param billDate the bill date
	 * @return the decompressed bill as a stream whose SHA-1 is checked after reading
	 * @throws ServiceException WeChat's refusal ({@code NO_STATEMENT_EXIST},
	 * {@code STATEMENT_CREATING}, ...)
	 */
	DigestBillEntity tradeBill(String mchid, LocalDate billDate);

}
