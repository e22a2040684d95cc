# One image for every paytally service: built from the Maven reactor, run with
# `java -jar /app/<service>.jar` (see docker-compose.yml).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY schemas schemas
COPY testkit testkit
COPY wechatpay-client wechatpay-client
COPY wechatpay-sandbox wechatpay-sandbox
COPY notify-ingest notify-ingest
COPY stream-app stream-app
COPY batch-jobs batch-jobs
COPY local-stack local-stack
RUN ./mvnw -B -q -DskipTests install \
	&& mkdir /app \
	&& cp wechatpay-sandbox/target/wechatpay-sandbox-*-exec.jar /app/wechatpay-sandbox.jar \
	&& cp notify-ingest/target/notify-ingest-*-exec.jar /app/notify-ingest.jar \
	&& cp stream-app/target/stream-app-*-exec.jar /app/stream-app.jar \
	&& cp batch-jobs/target/batch-jobs-*-exec.jar /app/batch-jobs.jar \
	&& cp local-stack/target/local-stack-*-exec.jar /app/paytally.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 paytally && mkdir -p /data /keys && chown paytally /data /keys
COPY --from=build /app /app
USER paytally
WORKDIR /data
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75"]
CMD ["-jar", "/app/paytally.jar", "--help"]
