CREATE TABLE payment (
	out_trade_no VARCHAR(32) PRIMARY KEY,
	amount_fen BIGINT NOT NULL,
	paid_at TIMESTAMP WITH TIME ZONE
);
