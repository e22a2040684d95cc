-- A refund WeChat closed is shown in the statement of the day it was closed (issue 14,
-- section 4). orders.state carries no time for it (a REFUND.CLOSED notification has no
-- success_time), so the snapshot keeps the update time of the first orders.state record it
-- reads with the refund CLOSED. Refunds closed before this migration take their order's last
-- update time, the best there is.
ALTER TABLE order_refund ADD COLUMN closed_at TIMESTAMP;
ALTER TABLE order_refund_stage ADD COLUMN closed_at TIMESTAMP;
UPDATE order_refund SET closed_at = (SELECT o.updated_at FROM order_state o
	WHERE o.mchid = order_refund.mchid AND o.out_trade_no = order_refund.out_trade_no)
	WHERE status = 'CLOSED';
