-- The duplicate check of bill_payment_class probed the merchant order index once per bill
-- row (a million probes for a million-line bill). Now it is only asked for orders whose
-- merchant order has more than one paid payment order, found in one grouped pass; the
-- classes are the same (a duplicate needs another paid payment order of the same
-- merchant order, so there are at least two).
CREATE OR REPLACE VIEW bill_payment_class AS
SELECT b.mchid, b.bill_date, b.line_no, b.out_trade_no, b.transaction_id, b.trade_time, b.trade_state,
	b.order_amount, o.merchant_order_no, o.status AS local_status, o.amount_total AS local_amount,
	o.paid_amount AS local_paid_amount, o.paid_at AS local_paid_at,
	CASE
		WHEN o.out_trade_no IS NULL THEN 'MISSING_LOCALLY'
		WHEN o.status IN ('PENDING', 'CHECKING') THEN 'MISSING_LOCALLY'
		WHEN o.status = 'CLOSED' THEN 'STATUS_MISMATCH'
		WHEN o.status = 'AMOUNT_MISMATCH' OR o.amount_total <> b.order_amount THEN 'AMOUNT_MISMATCH'
		WHEN m.merchant_order_no IS NOT NULL AND EXISTS (SELECT 1 FROM order_state d
			WHERE d.mchid = o.mchid AND d.merchant_order_no = o.merchant_order_no
			AND d.out_trade_no <> o.out_trade_no AND d.paid_at IS NOT NULL
			AND (d.paid_at < o.paid_at OR (d.paid_at = o.paid_at AND d.out_trade_no < o.out_trade_no)))
			THEN 'DUPLICATE_PAYMENT'
		ELSE 'MATCHED'
	END AS difference_class
FROM bill_line b
LEFT JOIN order_state o ON o.out_trade_no = b.out_trade_no AND o.mchid = b.mchid
LEFT JOIN (SELECT p.mchid, p.merchant_order_no FROM order_state p
	WHERE p.paid_at IS NOT NULL AND p.merchant_order_no IS NOT NULL
	GROUP BY p.mchid, p.merchant_order_no HAVING COUNT(*) > 1) m
	ON m.mchid = o.mchid AND m.merchant_order_no = o.merchant_order_no
WHERE b.trade_state = 'SUCCESS';
