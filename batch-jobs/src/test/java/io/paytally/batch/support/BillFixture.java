package io.paytally.batch.support;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.wechat.pay.java.service.billdownload.DigestBillEntity;
import com.wechat.pay.java.service.billdownload.model.HashType;
import io.paytally.schemas.Yuan;

/**
 * Builds an ALL trade bill in WeChat's format (backticks, yuan, Beijing time) with a
 * summary computed from its rows, for tests that do not go through the sandbox.
 */
public final class BillFixture {

	public static final String HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,"
			+ "应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";

	public static final String SUMMARY_HEADER = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final String mchid;

	private final List<String> lines = new ArrayList<>();

	private long count;

	private long settled;

	private long refunded;

	private long fees;

	private long ordered;

	private long requested;

	private long rechargeCouponRefunded;

	private long summaryCountOffset;

	private long summarySettledOffset;

	public BillFixture(String mchid) {
		this.mchid = mchid;
	}

	public BillFixture payment(LocalDateTime time, String outTradeNo, long fen) {
		return couponPayment(time, outTradeNo, fen, 0, true);
	}

	/**
	 * A payment of {@code fen} of which a coupon paid {@code coupon}: a non-recharge
	 * coupon ({@code nocash}) is left out of 应结订单金额, a recharge coupon is not.
	 */
	public BillFixture couponPayment(LocalDateTime time, String outTradeNo, long fen, long coupon, boolean nocash) {
		long settledFen = nocash ? fen - coupon : fen;
		long fee = settledFen * 6;
		this.lines.add(String.join(",", tick(TIME.format(time)), tick("wx0000000000demo01"), tick(this.mchid),
				tick("0"), tick(""), tick(transactionId(outTradeNo)), tick(outTradeNo), tick("oOpenid"), tick("JSAPI"),
				tick("SUCCESS"), tick("OTHERS"), tick("CNY"), tick(yuan(settledFen)), tick(yuan(coupon)), tick("0"),
				tick("0"), tick("0.00"), tick("0.00"), tick(""), tick(""), tick("Goods"), tick(""), tick(fee(fee)),
				tick("0.60%"), tick(yuan(fen)), tick("0.00"), tick("")));
		this.count++;
		this.settled += settledFen;
		this.ordered += fen;
		this.fees += fee;
		return this;
	}

	public BillFixture refund(LocalDateTime time, String outTradeNo, String outRefundNo, long fen) {
		return couponRefund(time, outTradeNo, outRefundNo, fen, 0, true, "SUCCESS");
	}

	/**
	 * A refund of {@code fen} asked back (申请退款金额) of which {@code couponShare} goes back
	 * to a coupon: a non-recharge coupon's share is left out of 退款金额, a recharge coupon's
	 * is 充值券退款金额; {@code status} as the bill's 退款状态.
	 */
	public BillFixture couponRefund(LocalDateTime time, String outTradeNo, String outRefundNo, long fen,
			long couponShare, boolean nocash, String status) {
		long refundFen = nocash ? fen - couponShare : fen;
		long recharge = nocash ? 0 : couponShare;
		long fee = -refundFen * 6;
		this.lines.add(String.join(",", tick(TIME.format(time)), tick("wx0000000000demo01"), tick(this.mchid),
				tick("0"), tick(""), tick(transactionId(outTradeNo)), tick(outTradeNo), tick("oOpenid"), tick("JSAPI"),
				tick("REFUND"), tick("OTHERS"), tick("CNY"), tick("0.00"), tick("0.00"), tick("5030" + outRefundNo),
				tick(outRefundNo), tick(yuan(refundFen)), tick(yuan(recharge)), tick("ORIGINAL"), tick(status),
				tick("Goods"), tick(""), tick(fee(fee)), tick("0.60%"), tick("0.00"), tick(yuan(fen)), tick("")));
		this.count++;
		this.refunded += refundFen;
		this.requested += fen;
		this.rechargeCouponRefunded += recharge;
		this.fees += fee;
		return this;
	}

	/** A line WeChat counted in its summary that cannot be read. */
	public BillFixture malformed(String text) {
		this.lines.add(text);
		this.count++;
		return this;
	}

	/** Makes the summary disagree with the rows. */
	public BillFixture summaryOff(long countOffset, long settledOffset) {
		this.summaryCountOffset = countOffset;
		this.summarySettledOffset = settledOffset;
		return this;
	}

	public static String transactionId(String outTradeNo) {
		return "4200" + Integer.toUnsignedString(outTradeNo.hashCode()) + outTradeNo.length();
	}

	public String text() {
		StringBuilder text = new StringBuilder(HEADER).append('\n');
		this.lines.forEach((line) -> text.append(line).append('\n'));
		text.append(SUMMARY_HEADER).append('\n');
		text.append(String.join(",", tick(Long.toString(this.count + this.summaryCountOffset)),
				tick(yuan(this.settled + this.summarySettledOffset)), tick(yuan(this.refunded)),
				tick(yuan(this.rechargeCouponRefunded)), tick(fee(this.fees)), tick(yuan(this.ordered)),
				tick(yuan(this.requested))))
			.append('\n');
		return text.toString();
	}

	/** The bill as the SDK hands it over, with its true SHA-1. */
	public DigestBillEntity entity() {
		byte[] bytes = text().getBytes(StandardCharsets.UTF_8);
		return new DigestBillEntity(new ByteArrayInputStream(bytes), sha1(bytes), HashType.SHA1);
	}

	/** The bill with a SHA-1 that does not match it. */
	public DigestBillEntity entityWithWrongHash() {
		byte[] bytes = text().getBytes(StandardCharsets.UTF_8);
		return new DigestBillEntity(new ByteArrayInputStream(bytes), sha1(new byte[] { 1 }), HashType.SHA1);
	}

	static String sha1(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String tick(String value) {
		return "`" + value;
	}

	public static String yuan(long fen) {
		return Yuan.of(fen);
	}

	static String fee(long milliFen) {
		return Yuan.ofMilliFen(milliFen);
	}

}
