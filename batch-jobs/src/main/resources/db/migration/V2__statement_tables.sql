-- paytally batch-jobs: the daily statement. Portable SQL (PostgreSQL and H2).
-- Every TIMESTAMP column holds a Beijing local time (Asia/Shanghai), like the bill.
-- Amounts are BIGINT fen; fees BIGINT milli-fen (1/1000 fen).

CREATE TABLE bill_file (
	mchid VARCHAR(32) NOT NULL,
	bill_date DATE NOT NULL,
	status VARCHAR(16) NOT NULL,
	file_path VARCHAR(1024),
	sha1 VARCHAR(40),
	size_bytes BIGINT NOT NULL,
	fetched_at TIMESTAMP NOT NULL,
	PRIMARY KEY (mchid, bill_date)
);

CREATE TABLE bill_line (
	mchid VARCHAR(32) NOT NULL,
	bill_date DATE NOT NULL,
	line_no BIGINT NOT NULL,
	trade_time TIMESTAMP NOT NULL,
	appid VARCHAR(128),
	transaction_id VARCHAR(128) NOT NULL,
	out_trade_no VARCHAR(128) NOT NULL,
	trade_type VARCHAR(128),
	trade_state VARCHAR(128) NOT NULL,
	bank_type VARCHAR(128),
	currency VARCHAR(128),
	settled_amount BIGINT NOT NULL,
	coupon_amount BIGINT NOT NULL,
	refund_id VARCHAR(128),
	out_refund_no VARCHAR(128),
	refund_amount BIGINT NOT NULL,
	coupon_refund_amount BIGINT NOT NULL,
	refund_type VARCHAR(128),
	refund_status VARCHAR(128),
	fee_milli_fen BIGINT NOT NULL,
	rate VARCHAR(128),
	order_amount BIGINT NOT NULL,
	refund_requested_amount BIGINT NOT NULL,
	attach VARCHAR(128),
	PRIMARY KEY (mchid, bill_date, line_no)
);

CREATE INDEX bill_line_out_trade_no ON bill_line (mchid, out_trade_no);

CREATE TABLE bill_summary (
	mchid VARCHAR(32) NOT NULL,
	bill_date DATE NOT NULL,
	line_no BIGINT NOT NULL,
	total_count BIGINT NOT NULL,
	settled_amount BIGINT NOT NULL,
	refund_amount BIGINT NOT NULL,
	coupon_refund_amount BIGINT NOT NULL,
	fee_milli_fen BIGINT NOT NULL,
	order_amount BIGINT NOT NULL,
	refund_requested_amount BIGINT NOT NULL,
	PRIMARY KEY (mchid, bill_date)
);

CREATE TABLE bill_reject (
	mchid VARCHAR(32) NOT NULL,
	bill_date DATE NOT NULL,
	line_no BIGINT NOT NULL,
	raw_text VARCHAR(4000) NOT NULL,
	reason VARCHAR(1000) NOT NULL,
	PRIMARY KEY (mchid, bill_date, line_no)
);

-- the local snapshot of the compacted orders.state topic
CREATE TABLE order_state (
	out_trade_no VARCHAR(128) NOT NULL PRIMARY KEY,
	mchid VARCHAR(32) NOT NULL,
	merchant_order_no VARCHAR(128),
	status VARCHAR(32) NOT NULL,
	amount_total BIGINT NOT NULL,
	paid_amount BIGINT,
	transaction_id VARCHAR(128),
	paid_at TIMESTAMP,
	paid_source VARCHAR(32),
	refunded_amount BIGINT NOT NULL,
	closed_at TIMESTAMP,
	state_version BIGINT NOT NULL,
	updated_at TIMESTAMP
);

CREATE INDEX order_state_paid_at ON order_state (mchid, paid_at);

CREATE INDEX order_state_merchant_order ON order_state (mchid, merchant_order_no);

CREATE TABLE order_refund (
	out_trade_no VARCHAR(128) NOT NULL,
	out_refund_no VARCHAR(128) NOT NULL,
	refund_id VARCHAR(128),
	amount BIGINT NOT NULL,
	status VARCHAR(32),
	success_time TIMESTAMP,
	PRIMARY KEY (out_trade_no, out_refund_no)
);

CREATE INDEX order_refund_out_refund_no ON order_refund (out_refund_no);

-- one poll's worth of orders.state records, merged into order_state in the same transaction
CREATE TABLE order_state_stage (
	out_trade_no VARCHAR(128) NOT NULL PRIMARY KEY,
	mchid VARCHAR(32) NOT NULL,
	merchant_order_no VARCHAR(128),
	status VARCHAR(32) NOT NULL,
	amount_total BIGINT NOT NULL,
	paid_amount BIGINT,
	transaction_id VARCHAR(128),
	paid_at TIMESTAMP,
	paid_source VARCHAR(32),
	refunded_amount BIGINT NOT NULL,
	closed_at TIMESTAMP,
	state_version BIGINT NOT NULL,
	updated_at TIMESTAMP
);

CREATE TABLE order_refund_stage (
	out_trade_no VARCHAR(128) NOT NULL,
	out_refund_no VARCHAR(128) NOT NULL,
	refund_id VARCHAR(128),
	amount BIGINT NOT NULL,
	status VARCHAR(32),
	success_time TIMESTAMP,
	PRIMARY KEY (out_trade_no, out_refund_no)
);

-- the next offset of orders.state to read, per partition; written with the rows
CREATE TABLE order_state_offset (
	topic VARCHAR(249) NOT NULL,
	partition_no INTEGER NOT NULL,
	next_offset BIGINT NOT NULL,
	PRIMARY KEY (topic, partition_no)
);

-- every difference of a statement, with both sides' values
CREATE TABLE recon_difference (
	mchid VARCHAR(32) NOT NULL,
	bill_date DATE NOT NULL,
	difference_class VARCHAR(32) NOT NULL,
	out_trade_no VARCHAR(128) NOT NULL,
	out_refund_no VARCHAR(128),
	merchant_order_no VARCHAR(128),
	related_out_trade_no VARCHAR(128),
	transaction_id VARCHAR(128),
	bill_line_no BIGINT,
	bill_time TIMESTAMP,
	bill_state VARCHAR(128),
	bill_amount BIGINT,
	bill_refund_amount BIGINT,
	local_status VARCHAR(32),
	local_amount BIGINT,
	local_paid_amount BIGINT,
	local_paid_at TIMESTAMP,
	local_refund_amount BIGINT,
	local_refund_status VARCHAR(32)
);

CREATE INDEX recon_difference_day ON recon_difference (mchid, bill_date, difference_class);

-- repairs and anomalies sent, so that a restart or re-run does not send them twice
CREATE TABLE recon_sent (
	mchid VARCHAR(32) NOT NULL,
	bill_date DATE NOT NULL,
	kind VARCHAR(16) NOT NULL,
	difference_class VARCHAR(32) NOT NULL,
	item_key VARCHAR(128) NOT NULL,
	sent_at TIMESTAMP NOT NULL,
	PRIMARY KEY (mchid, bill_date, kind, difference_class, item_key)
);

CREATE TABLE daily_statement (
	mchid VARCHAR(32) NOT NULL,
	bill_date DATE NOT NULL,
	bill_payment_count BIGINT NOT NULL,
	bill_settled_amount BIGINT NOT NULL,
	bill_refund_count BIGINT NOT NULL,
	bill_refund_amount BIGINT NOT NULL,
	bill_fees_milli_fen BIGINT NOT NULL,
	local_payment_count BIGINT NOT NULL,
	local_paid_amount BIGINT NOT NULL,
	matched_count BIGINT NOT NULL,
	matched_amount BIGINT NOT NULL,
	net_settlement_milli_fen BIGINT NOT NULL,
	rejected_lines BIGINT NOT NULL,
	repairs_sent BIGINT NOT NULL,
	generated_at TIMESTAMP NOT NULL,
	PRIMARY KEY (mchid, bill_date)
);

CREATE TABLE daily_statement_class (
	mchid VARCHAR(32) NOT NULL,
	bill_date DATE NOT NULL,
	difference_class VARCHAR(32) NOT NULL,
	item_count BIGINT NOT NULL,
	amount BIGINT NOT NULL,
	PRIMARY KEY (mchid, bill_date, difference_class)
);

-- how each payment row of a bill compares with the local snapshot; the earlier of two paid
-- payment orders of one merchant order is the payment, the later one the duplicate
CREATE VIEW bill_payment_class AS
SELECT b.mchid, b.bill_date, b.line_no, b.out_trade_no, b.transaction_id, b.trade_time, b.trade_state,
	b.order_amount, o.merchant_order_no, o.status AS local_status, o.amount_total AS local_amount,
	o.paid_amount AS local_paid_amount, o.paid_at AS local_paid_at,
	CASE
		WHEN o.out_trade_no IS NULL THEN 'MISSING_LOCALLY'
		WHEN o.status IN ('PENDING', 'CHECKING') THEN 'MISSING_LOCALLY'
		WHEN o.status = 'CLOSED' THEN 'STATUS_MISMATCH'
		WHEN o.status = 'AMOUNT_MISMATCH' OR o.amount_total <> b.order_amount THEN 'AMOUNT_MISMATCH'
		WHEN o.merchant_order_no IS NOT NULL AND EXISTS (SELECT 1 FROM order_state d
			WHERE d.mchid = o.mchid AND d.merchant_order_no = o.merchant_order_no
			AND d.out_trade_no <> o.out_trade_no AND d.paid_at IS NOT NULL
			AND (d.paid_at < o.paid_at OR (d.paid_at = o.paid_at AND d.out_trade_no < o.out_trade_no)))
			THEN 'DUPLICATE_PAYMENT'
		ELSE 'MATCHED'
	END AS difference_class
FROM bill_line b
LEFT JOIN order_state o ON o.out_trade_no = b.out_trade_no AND o.mchid = b.mchid
WHERE b.trade_state = 'SUCCESS';
