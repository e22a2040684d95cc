-- The statement shows the coupon parts of the day (issue 14, section 4): the bill's 订单金额 and
-- 代金券金额 of its payments, its 申请退款金额 and 充值券退款金额 of its refunds. Statements made
-- before read as days without coupons.
ALTER TABLE daily_statement ADD COLUMN bill_order_amount BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE daily_statement ADD COLUMN bill_coupon_amount BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE daily_statement ADD COLUMN bill_refund_requested_amount BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE daily_statement ADD COLUMN bill_recharge_coupon_refund_amount BIGINT DEFAULT 0 NOT NULL;
UPDATE daily_statement SET bill_order_amount = bill_settled_amount, bill_refund_requested_amount = bill_refund_amount;
