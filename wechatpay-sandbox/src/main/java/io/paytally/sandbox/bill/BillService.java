package io.paytally.sandbox.bill;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

import io.paytally.sandbox.crypto.Signatures;
import io.paytally.sandbox.ledger.Ledger;
import io.paytally.sandbox.ledger.Order;
import io.paytally.sandbox.ledger.WechatError;

/**
 * Answers bill requests: readiness (STATEMENT_CREATING before the ready hour of the next
 * day), NO_STATEMENT_EXIST for a day without rows, else a download URL on WeChat's host
 * carrying a token, with the SHA-1 of the uncompressed file.
 */
public final class BillService {

	/** How long a download URL lives. */
	static final Duration URL_LIFETIME = Duration.ofMinutes(5);

	private final Ledger ledger;

	private final BigDecimal feeRate;

	private final int billReadyHour;

	private final Clock wallClock;

	private final Map<String, Download> downloads = new ConcurrentHashMap<>();

	public BillService(Ledger ledger, BigDecimal feeRate, int billReadyHour, Clock wallClock) {
		this.ledger = ledger;
		this.feeRate = feeRate;
		this.billReadyHour = billReadyHour;
		this.wallClock = wallClock;
	}

	/** The trade bill bytes (uncompressed) of a merchant's day. */
	public String tradeBill(String mchid, LocalDate date, String billType) {
		return TradeBill.render(this.ledger.orders(mchid), date, billType, this.feeRate);
	}

	public String fundFlowBill(String mchid, LocalDate date, String accountType) {
		return FundFlowBill.render(this.ledger.orders(mchid), date, accountType, this.feeRate);
	}

	public Map<String, Object> requestTradeBill(String mchid, String billDate, String billType, String tarType) {
		String type = (billType != null) ? billType : "ALL";
		if (!List.of("ALL", "SUCCESS", "REFUND").contains(type)) {
			throw new WechatError.ParamError("bill_type 取值错误: " + billType);
		}
		LocalDate date = readyDate(billDate);
		List<Order> orders = this.ledger.orders(mchid);
		if (!TradeBill.hasRows(orders, date, type)) {
			throw new WechatError.StatementNotExist(billDate);
		}
		return offer(mchid, TradeBill.render(orders, date, type, this.feeRate), tarType);
	}

	public Map<String, Object> requestFundFlowBill(String mchid, String billDate, String accountType, String tarType) {
		String type = (accountType != null) ? accountType : "BASIC";
		if (!List.of("BASIC", "OPERATION", "FEES").contains(type)) {
			throw new WechatError.ParamError("account_type 取值错误: " + accountType);
		}
		LocalDate date = readyDate(billDate);
		List<Order> orders = this.ledger.orders(mchid);
		if (!FundFlowBill.hasRows(orders, date, type)) {
			throw new WechatError.StatementNotExist(billDate);
		}
		return offer(mchid, FundFlowBill.render(orders, date, type, this.feeRate), tarType);
	}

	/**
	 * The bytes behind a download token (gzip when asked so), for the merchant that
	 * asked.
	 */
	public byte[] download(String mchid, String token) {
		Download download = this.downloads.get((token != null) ? token : "");
		if (download == null || !download.mchid.equals(mchid) || this.wallClock.instant().isAfter(download.expiresAt)) {
			throw new WechatError.ResourceNotExist("账单下载链接无效或已过期");
		}
		return download.bytes;
	}

	private LocalDate readyDate(String billDate) {
		LocalDate date;
		try {
			date = LocalDate.parse(billDate);
		}
		catch (RuntimeException ex) {
			throw new WechatError.ParamError("bill_date 格式错误: " + billDate);
		}
		if (this.ledger.now().isBefore(date.plusDays(1).atTime(this.billReadyHour, 0).atOffset(Ledger.BEIJING))) {
			throw new WechatError.StatementCreating(billDate);
		}
		return date;
	}

	private Map<String, Object> offer(String mchid, String bill, String tarType) {
		byte[] plain = bill.getBytes(StandardCharsets.UTF_8);
		boolean gzip = "GZIP".equalsIgnoreCase(tarType);
		String token = Signatures.nonce(40);
		this.downloads.values().removeIf((d) -> this.wallClock.instant().isAfter(d.expiresAt));
		this.downloads.put(token,
				new Download(mchid, gzip ? gzip(plain) : plain, this.wallClock.instant().plus(URL_LIFETIME)));
		Map<String, Object> reply = new LinkedHashMap<>();
		reply.put("hash_type", "SHA1");
		reply.put("hash_value", sha1(plain));
		reply.put("download_url",
				"https://api.mch.weixin.qq.com/v3/billdownload/file?token=" + token + (gzip ? "&tartype=gzip" : ""));
		return reply;
	}

	static String sha1(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] gzip(byte[] plain) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
			zip.write(plain);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private record Download(String mchid, byte[] bytes, Instant expiresAt) {

	}

}
