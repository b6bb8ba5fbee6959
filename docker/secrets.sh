#!/usr/bin/env bash
# Makes the files compose.yaml mounts as secrets, in docker/secrets/ (or DIR). Existing files are kept, so it
# can run again after you have put real values in. Values come from the environment when set:
#   SAUTIKIT_API_KEY, SAUTIKIT_WEBHOOK_SECRET   (empty files otherwise: the pair starts, dialling waits)
#   PAYBILL_174379_TOKEN                        (random otherwise; it is the secret path segment Daraja posts to)
#   OPS_USER, OPS_PASSWORD                      (an operator in group ops; ops and a random password otherwise)
#   docker/secrets.sh [DIR]
set -euo pipefail
dir=${1:-$(dirname "$0")/secrets}
mkdir -p "$dir"
chmod 700 "$dir"

random() { head -c 18 /dev/urandom | base64 | tr '+/' '-_'; }
put() {  # put NAME VALUE: write the file unless it exists; readable by the server's user inside the container
  if [ ! -e "$dir/$1" ]; then
    printf '%s' "$2" > "$dir/$1"
    chmod 644 "$dir/$1"
    echo "secrets: wrote $dir/$1"
  fi
}

put db_password "$(random)"
put cluster_password "$(random)"
put sautikit_api_key "${SAUTIKIT_API_KEY:-}"
put sautikit_webhook_secret "${SAUTIKIT_WEBHOOK_SECRET:-}"
put paybill_174379_token "${PAYBILL_174379_TOKEN:-$(random)}"

# The application realm's files, in add-user.sh's format: user=HEX(MD5(user:ApplicationRealm:password)).
if [ ! -e "$dir/application-users.properties" ]; then
  user=${OPS_USER:-ops}
  password=${OPS_PASSWORD:-$(random)}
  hash=$(printf '%s' "$user:ApplicationRealm:$password" | md5sum | cut -d' ' -f1)
  put application-users.properties "$user=$hash"$'\n'
  put application-roles.properties "$user=ops"$'\n'
  [ -n "${OPS_PASSWORD:-}" ] || echo "secrets: operator $user, password $password (shown once)"
fi
