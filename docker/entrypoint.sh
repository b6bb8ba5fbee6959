#!/bin/bash
# Starts one Thibitisha node in a container. Arguments go to bin/standalone.sh unchanged, so a cluster node
# is started as contract §8 says:  -c standalone-full-ha.xml -Djboss.node.name=a
#
# Environment (all optional):
#   PRIVATE_ADDRESS     cluster traffic (-bprivate) and management; default: this container's own address
#   MANAGEMENT_ADDRESS  management interface (:9990: health, metrics, CLI); default PRIVATE_ADDRESS, never 0.0.0.0
#   PUBLIC_ADDRESS      HTTP (:8080, Daraja and Sautikit callbacks); default 0.0.0.0
#   PORT_OFFSET         jboss.socket.binding.port-offset (several nodes on one host network)
#   THIBITISHA_STOP_TIMEOUT  seconds SIGTERM waits for accepted requests before stopping (bin/standalone.conf; 30)
#   VAR_FILE=/path      secrets as files: VAR is set from the file (DB_PASSWORD_FILE=/run/secrets/db_password)
# Operators: /run/secrets/application-users.properties and application-roles.properties (add-user.sh format),
# when mounted, become the application realm's users; the image itself has none.
set -euo pipefail

# Secrets as files (the convention of the postgres image): DB_PASSWORD_FILE=/run/secrets/db_password sets
# DB_PASSWORD, which the datasource reads; the same works for every configuration key (SAUTIKIT_API_KEY_FILE …).
for name in $(compgen -e); do
  case "$name" in
    *_FILE)
      file=${!name}
      [ -r "$file" ] || { echo "entrypoint: $name names $file, which is not readable" >&2; exit 1; }
      export "${name%_FILE}=$(cat "$file")"
      unset "$name"
      ;;
  esac
done

config_dir=$JBOSS_HOME/standalone/configuration
for realm_file in application-users.properties application-roles.properties; do
  if [ -r "/run/secrets/$realm_file" ]; then
    cp "/run/secrets/$realm_file" "$config_dir/$realm_file"
  fi
done

own_address() {
  getent ahostsv4 "$HOSTNAME" | awk '{ print $1; exit }'
}
private=${PRIVATE_ADDRESS:-$(own_address)}
if [ -z "$private" ]; then
  echo "entrypoint: cannot tell this container's address; set PRIVATE_ADDRESS" >&2
  exit 1
fi
management=${MANAGEMENT_ADDRESS:-$private}

args=(-b "${PUBLIC_ADDRESS:-0.0.0.0}" -bprivate "$private" -bmanagement "$management")
if [ -n "${PORT_OFFSET:-}" ]; then
  args+=("-Djboss.socket.binding.port-offset=$PORT_OFFSET")
fi
echo "entrypoint: HTTP on ${PUBLIC_ADDRESS:-0.0.0.0}, cluster traffic on $private, management on $management" \
     "(port offset ${PORT_OFFSET:-0}), SIGTERM suspends for up to ${THIBITISHA_STOP_TIMEOUT:-30} s"
exec "$JBOSS_HOME/bin/standalone.sh" "${args[@]}" "$@"
