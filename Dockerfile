# The Aragora server image. It packages the distribution built by `./mvnw package` (no build
# tools in the image) and runs as a non-root user with the data, audit and state tiers and the
# watched bundles directory as volumes.
#
#   ./mvnw -q -DskipTests package -pl features -am
#   docker build -t aragora .            # or: --build-arg BASE_IMAGE=<a local JRE 17 image>
#   docker run -p 8080:8080 -p 8765:8765 -v aragora-data:/data aragora
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}

ARG DIST=features/target/aragora-0.1.0-SNAPSHOT
ARG UID=1000

RUN (getent group aragora || groupadd --gid ${UID} aragora) \
    && (getent passwd aragora || useradd --uid ${UID} --gid aragora --home-dir /data --no-create-home --shell /usr/sbin/nologin aragora) \
    && mkdir -p /data/state /data/audit /data/bundles /tmp/aragora \
    && chown -R aragora:aragora /data /tmp/aragora \
    && chmod 0700 /data/state

COPY ${DIST} /opt/aragora

ENV ARAGORA_DATA_DIR=/data \
    ARAGORA_STATE_DIR=/data/state \
    ARAGORA_AUDIT_DIR=/data/audit \
    ARAGORA_TEMP_DIR=/tmp/aragora \
    JAVA_OPTS="-XX:MaxRAMPercentage=75"

# Volumes created from the image keep the ownership and modes set above (state: 0700).
VOLUME ["/data", "/data/audit", "/data/state", "/data/bundles"]
EXPOSE 8080 8765
USER aragora
WORKDIR /data

# bin/aragora execs the JVM: `docker stop` (SIGTERM) reaches the server, which drains and exits 0.
ENTRYPOINT ["/opt/aragora/bin/aragora"]
CMD ["serve", "--host", "0.0.0.0", "--api-port", "8080", "--ws-port", "8765"]
