#!/bin/bash
# The image's HEALTHCHECK: healthy while GET /health/ready on the management interface answers 200, i.e. the
# node can durably accept callbacks (contract §5). Bash only (no curl in the base images), same address and
# port rules as entrypoint.sh.
address=${MANAGEMENT_ADDRESS:-${PRIVATE_ADDRESS:-$(getent ahostsv4 "$HOSTNAME" | awk '{ print $1; exit }')}}
port=$((9990 + ${PORT_OFFSET:-0}))
exec 3<>"/dev/tcp/$address/$port" || exit 1
printf 'GET /health/ready HTTP/1.1\r\nHost: %s:%s\r\nConnection: close\r\n\r\n' "$address" "$port" >&3
IFS= read -r -t 4 status <&3 || exit 1
case "$status" in
  "HTTP/1.1 200"*) exit 0 ;;
  *) echo "$status"; exit 1 ;;
esac
