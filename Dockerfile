# The Aragora server image. It packages the distribution built by `./mvnw package` (no build
# tools in the image) and runs as a non-root user. /data is the one volume: the state tier lives
# inside it at /data/state unless ARAGORA_STATE_DIR names a mount of its own (/data-state).
#
#   ./mvnw -q -DskipTests package -pl features -am
#   docker build -t aragora .            # or: --build-arg BASE_IMAGE=<a local JRE 17 image>
#                                        # podman: add --format docker to keep the HEALTHCHECK
#   docker run -d --name aragora --stop-timeout 60 -p 8080:8080 -p 8765:8765 -v aragora-data:/data aragora
#   flat layout, state on its own volume:
#   ... -v aragora-data:/data -v aragora-state:/data-state -e ARAGORA_STATE_DIR=/data-state aragora
#
# Stop it with `docker stop -t 60` (or --stop-timeout 60 at run): the server drains for
# ARAGORA_SHUTDOWN_GRACE_SECONDS (30) and the framework then gets up to 15 s more, so the
# default 10 s would kill it mid-drain. See docs/runbook.md, "Containers".
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}

ARG DIST=features/target/aragora-0.1.0-SNAPSHOT
ARG UID=1000

# /data-state exists so that a volume mounted there starts out owned by aragora with mode 0700.
RUN (getent group aragora || groupadd --gid ${UID} aragora) \
    && (getent passwd aragora || useradd --uid ${UID} --gid aragora --home-dir /data --no-create-home --shell /usr/sbin/nologin aragora) \
    && mkdir -p /data/state /data/audit /data/bundles /data-state /tmp/aragora \
    && chown -R aragora:aragora /data /data-state /tmp/aragora \
    && chmod 0700 /data/state /data-state

COPY ${DIST} /opt/aragora
# The class-data sharing archive is tied to the JVM build and the install path, so it is made here,
# for this image's JVM (any archive the distribution brings is replaced): a training start (~9 s)
# that saves ~15 % of every start after it (docs/decisions/0014).
RUN /opt/aragora/bin/aragora archive-classes

ENV ARAGORA_DATA_DIR=/data \
    ARAGORA_STATE_DIR=/data/state \
    ARAGORA_AUDIT_DIR=/data/audit \
    ARAGORA_TEMP_DIR=/tmp/aragora \
    JAVA_OPTS="-XX:MaxRAMPercentage=75"

# One volume only: a VOLUME nested under /data would become an anonymous volume beside the
# operator's named one and be replaced, secrets and all, when the container is recreated.
VOLUME ["/data"]
EXPOSE 8080 8765
USER aragora
WORKDIR /data

# Healthy means ready: every route answers for real. The probe is a JVM start (~0.1 s CPU)
# that boots nothing; change --api-port here if the server listens elsewhere.
HEALTHCHECK --interval=15s --timeout=10s --start-period=60s --retries=3 \
    CMD ["/opt/aragora/bin/aragora", "healthcheck", "--ready", "--api-port", "8080"]

# bin/aragora execs the JVM: SIGTERM reaches the server, which drains and exits 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/aragora/bin/aragora"]
CMD ["serve", "--host", "0.0.0.0", "--api-port", "8080", "--ws-port", "8765"]
