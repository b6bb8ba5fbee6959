#!/usr/bin/env bash
# Builds a local stand-in for the official base image quay.io/wildfly/wildfly:39.0.1.Final-jdk21 where no
# registry is reachable (the team's machines, CI): a Debian bookworm root file system made by debootstrap with
# OpenJDK 17, imported into Docker, and the WildFly distribution laid out as the official image lays it out
# (wildfly/wildfly-container): /opt/jboss/wildfly owned by jboss:root (uid/gid 1000), group-writable,
# WORKDIR /opt/jboss, JBOSS_HOME, LAUNCH_JBOSS_IN_BACKGROUND=true, USER jboss. Differences from the real one:
# JDK 17 instead of 21 (WildFly 39 runs on both), Debian instead of UBI.
#
#   DOCKER_HOST=unix://… docker/base-image.sh [WORK_DIR]
#
# WORK_DIR (default /var/tmp/thibitisha-docker) keeps the debootstrap tree, so a second run takes seconds.
# Environment: DOCKER (client, default docker), BASE_TAG, HAPROXY_TAG, DEBIAN_MIRROR, WILDFLY_DIST (the zip).
set -euo pipefail
cd "$(dirname "$0")/.."

work=${1:-/var/tmp/thibitisha-docker}
docker=${DOCKER:-docker}
base_tag=${BASE_TAG:-quay.io/wildfly/wildfly:39.0.1.Final-jdk21}
os_tag=thibitisha-standin/debian-java:bookworm
haproxy_tag=${HAPROXY_TAG:-thibitisha-standin/haproxy:bookworm}
dist=${WILDFLY_DIST:-$HOME/.m2/repository/org/wildfly/wildfly-dist/39.0.1.Final/wildfly-dist-39.0.1.Final.zip}
mkdir -p "$work"

# The Debian mirror apt already uses on this machine (one-line or deb822 sources).
mirror() {
  local m
  m=$(grep -hE '^(deb |URIs:)' /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
      | grep -v -- '-security' | grep -oE 'https?://[^ ]+' | head -1)
  echo "${DEBIAN_MIRROR:-${m:-http://deb.debian.org/debian}}"
}

if ! "$docker" image inspect "$os_tag" >/dev/null 2>&1; then
  rootfs=$work/rootfs
  if [ ! -e "$rootfs/.complete" ]; then
    rm -rf "$rootfs"
    echo "base-image: debootstrap bookworm with OpenJDK 17 into $rootfs (a few minutes)"
    debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$rootfs" "$(mirror)" \
      > "$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb
    touch "$rootfs/.complete"
  fi
  echo "base-image: importing the root file system as $os_tag"
  tar -C "$rootfs" --exclude=./.complete -c . | "$docker" import \
    -c 'ENV LANG=C.UTF-8' -c 'CMD ["/bin/bash"]' - "$os_tag" >/dev/null
fi

if ! "$docker" image inspect "$base_tag" >/dev/null 2>&1; then
  [ -f "$dist" ] || { echo "base-image: $dist missing (./mvnw -B package downloads it)" >&2; exit 1; }
  ctx=$work/base-context
  rm -rf "$ctx" && mkdir -p "$ctx"
  unzip -q "$dist" -d "$ctx" && mv "$ctx"/wildfly-* "$ctx/wildfly"
  cat > "$ctx/Dockerfile" <<EOF
FROM $os_tag
RUN groupadd -r jboss -g 1000 && useradd -u 1000 -r -g jboss -m -d /opt/jboss -s /sbin/nologin -c "JBoss user" jboss \\
    && chmod 755 /opt/jboss
WORKDIR /opt/jboss
ENV JBOSS_HOME=/opt/jboss/wildfly
COPY --chown=jboss:0 wildfly \$JBOSS_HOME
RUN chmod -R g+rw \$JBOSS_HOME
ENV LAUNCH_JBOSS_IN_BACKGROUND=true
USER jboss
EXPOSE 8080
CMD ["/opt/jboss/wildfly/bin/standalone.sh", "-b", "0.0.0.0"]
EOF
  echo "base-image: laying out WildFly 39.0.1.Final as $base_tag"
  "$docker" build -q --network host -t "$base_tag" "$ctx" >/dev/null
  rm -rf "$ctx"
fi

# HAProxy for the pair (the official haproxy image's layout: config in /usr/local/etc/haproxy, user haproxy).
if ! "$docker" image inspect "$haproxy_tag" >/dev/null 2>&1; then
  ctx=$work/haproxy-context
  rm -rf "$ctx" && mkdir -p "$ctx"
  cat > "$ctx/Dockerfile" <<EOF
FROM $os_tag
RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends haproxy \\
    && rm -rf /var/lib/apt/lists/* && mkdir -p /usr/local/etc/haproxy
USER haproxy
CMD ["haproxy", "-W", "-db", "-f", "/usr/local/etc/haproxy/haproxy.cfg"]
EOF
  echo "base-image: HAProxy from Debian as $haproxy_tag"
  "$docker" build -q --network host -t "$haproxy_tag" "$ctx" >/dev/null
  rm -rf "$ctx"
fi
echo "base-image: ready: $base_tag, $haproxy_tag"
