# syntax=docker/dockerfile:1
# Multi-stage build of the devices service on the official Open Liberty image.
# (Not buildable on the project's CI machine, which has no Docker engine.)

FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /build
COPY pom.xml .
COPY proto proto
COPY src src
RUN mvn -B -ntp -DskipTests package liberty:create resources:copy-resources@datasource-to-server

FROM icr.io/appcafe/open-liberty:26.0.0.3-kernel-slim-java21-openj9-ubi-minimal
COPY --chown=1001:0 src/main/liberty/config/server.xml /config/server.xml
# Only the features server.xml lists are installed into the slim image.
RUN features.sh
COPY --chown=1001:0 --from=build /build/target/liberty/wlp/usr/servers/devices/jdbc /config/jdbc
COPY --chown=1001:0 --from=build /build/target/liberty/wlp/usr/servers/devices/lib /config/lib
COPY --chown=1001:0 --from=build /build/target/devices.war /config/apps/devices.war
COPY --chown=1001:0 src/main/docker/app.xml /config/configDropins/overrides/app.xml
COPY --chown=1001:0 src/main/docker/healthcheck.sh /opt/devices/healthcheck.sh
# Listen on all interfaces inside the container; point the dependencies at real hosts with the
# Python service's DATABASE__URL, REDIS__URL, KAFKA__URL, MQTT__URL, or with DEVICES_DB_URL, ...
ENV DEVICES_GRPC_HOST="*" \
    DEVICES_HTTP_HOST="*"
EXPOSE 50053 9080
HEALTHCHECK --interval=5s --timeout=4s --start-period=20s --retries=30 CMD ["bash", "/opt/devices/healthcheck.sh"]
RUN configure.sh
