package io.paytally.local.cli;

/**
 * The help text of {@code paytally}.
 */
public final class Help {

	public static final String TEXT = """
			paytally: keeps a merchant's WeChat Pay orders truthful.

			Usage: ./paytally <command> [options]

			  demo        Start everything in this JVM (Kafka, H2, the WeChat Pay sandbox, notify-ingest,
			              stream-app, batch-jobs), play a business day, run its statement and check every
			              order against the sandbox's ground truth. Exits 0 only if everything agrees.
			                --orders N          merchant orders in the day (default 1000)
			                --seed S            the day's seed: same seed, same day (default 42)
			                --mix k=p,...       percent per kind: duplicate, drop, delay, forged, unpaid,
			                                    refund, partial-refund, mismatch, paid-after-close,
			                                    duplicate-payment (the rest are paid promptly)
			                --data-dir DIR      Kafka, database, state, bills, reports, logs (default ./data;
			                                    the demo empties it first)
			                --keep-running      leave the stack running after the day (Ctrl-C stops it)
			                --settle-timeout D  how long to wait for orders to settle (default 4m)
			  sandbox     Run the WeChat Pay sandbox alone.
			                --port P (8090)  --address A (127.0.0.1)  --keys DIR  --time-scale X  --persist FILE
			  ingest      Run notify-ingest alone (port 8081).
			  stream      Run stream-app alone (port 8082).
			  batch       Run batch-jobs alone in scheduled mode (port 8083).
			                --kafka HOST:PORT         the Kafka brokers
			                --sandbox URL             take WeChat's URL and the merchant's credentials from a
			                                          running sandbox (e.g. http://127.0.0.1:8090)
			                --keys DIR                or from key files (see keygen) ...
			                --wechat-base-url URL     ... with WeChat Pay's address (default: WeChat itself)
			                --mchid M                 the merchant (default 1900000001)
			                --notify-url URL          stream: the callback URL given to WeChat ({mchid} replaced)
			                --db JDBC-URL  --db-user U  --db-password P   batch: its database
			                --port P  --data-dir DIR
			                --some.spring.property=value   any further Spring property
			  statement   Run the daily statement for a date and exit (0 done, 2 failed, 3 bill not ready).
			                --date YYYY-MM-DD (default yesterday, Beijing)  --mchid M
			                and the options of batch
			  topics      Create the topic catalog's topics on a cluster (docker compose's init step).
			                --kafka HOST:PORT  --partitions N (6)  --replication-factor R (1)  --wait 120s
			  keygen      Write a trial's merchant and platform key files (docker compose's trial mode),
			              only into an empty directory; keeps a set made for the same ids, never overwrites.
			                --out DIR  --mchid M  --appid A  --serial-number S  --platform-key-id ID
			  help        This text.

			Without options, the services read their own files and the environment
			(SPRING_KAFKA_BOOTSTRAP_SERVERS, SPRING_DATASOURCE_URL, PAYTALLY_WECHAT_BASE_URL,
			PAYTALLY_WECHAT_MERCHANTS_0_MCHID, ...).
			""";

	private Help() {
	}

}
