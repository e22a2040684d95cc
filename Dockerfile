# syntax=docker/dockerfile:1
# One image for every paytally container (docker-compose.yml): each service runs from its
# own jar, built by its module (Spring Boot repackaged, no sandbox, embedded broker or test
# library inside):
#   /app/notify-ingest.jar  /app/stream-app.jar  /app/batch-jobs.jar  /app/dashboard.jar
# and the all-in-one launcher for the init steps and the trial (topics, keygen, sandbox, demo):
#   /app/paytally.jar
# Maven's repository is a BuildKit cache mount: a rebuild downloads nothing it already has.
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
COPY dashboard dashboard
COPY local-stack local-stack
RUN --mount=type=cache,target=/root/.m2 \
	./mvnw -B -q -DskipTests package \
	&& mkdir /app \
	&& cp notify-ingest/target/notify-ingest-*-exec.jar /app/notify-ingest.jar \
	&& cp stream-app/target/stream-app-*-exec.jar /app/stream-app.jar \
	&& cp batch-jobs/target/batch-jobs-*-exec.jar /app/batch-jobs.jar \
	&& cp dashboard/target/dashboard-*-exec.jar /app/dashboard.jar \
	&& cp local-stack/target/local-stack-*-exec.jar /app/paytally.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 paytally && mkdir -p /data /keys && chown paytally /data /keys
COPY --from=build /app /app
USER paytally
WORKDIR /data
# the heap follows the container's memory limit (docker-compose.yml sets both per service)
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/paytally.jar"]
CMD ["help"]
