#!/usr/bin/env bash
# Proves the container image on this machine: builds docker/Dockerfile on a local stand-in of the official
# WildFly base (docker/base-image.sh), runs a pair of nodes (contract §8, HA profile) against this machine's
# PostgreSQL (127.0.0.1:5432, schema thibitisha_docker) with HAProxy (docker/haproxy.cfg) in front and the
# Sautikit simulator behind, sends the README's sample callback through HAProxy, stops a node with SIGTERM
# while callbacks keep coming, and starts it again on its volume.
#
# The containers are the ones docker/compose.yaml describes (same image, arguments, secrets as files, one
# volume per node, HAProxy config), started with plain `docker run --network host` and port offsets: no
# compose engine (`docker compose`) is installed here and the private daemon runs without bridge networking;
# compose.yaml itself is checked with `docker-compose config` when that is installed.
#
# Runs as root on a Debian bookworm machine and installs what it needs (docker.io, debootstrap, docker-compose).
# It starts its own Docker daemon under WORK (default /var/tmp/thibitisha-docker) and stops it at the end,
# whatever happens, with its containers and volumes; the debootstrap tree and the base images stay in WORK, so
# a second run skips the ~5 minutes they take. Prints PASS/FAIL lines; exits non-zero if anything failed.
#   docker/test.sh
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
started=$(date +%s)

work=${THIBITISHA_DOCKER_WORK:-/var/tmp/thibitisha-docker}
run=$work/run
image=thibitisha:test
haproxy_image=thibitisha-standin/haproxy:bookworm
schema=thibitisha_docker
lb=18000                                 # HAProxy
http_a=9080 mgmt_a=10990 offset_a=1000   # node a: port offset 1000
http_b=9180 mgmt_b=11090 offset_b=1100   # node b: port offset 1100
sim=18189                                # Sautikit simulator
ops_user=ops ops_password=Docker-Test-Passw0rd
export DOCKER_HOST=unix://$run/docker.sock
docker=/usr/bin/docker                   # the docker.io client, same version as the daemon

failures=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
note() { echo "---- $* ($(( $(date +%s) - started )) s)"; }
die()  { fail "$*"; exit 1; }

sim_pid=""
finished=false
cleanup() {
  [ "$finished" = true ] || fail "docker/test.sh stopped before its last check"
  note "cleaning up"
  if [ -S "$run/docker.sock" ]; then
    mkdir -p "$work/logs"
    for c in tb-node-a tb-node-b tb-haproxy; do
      "$docker" logs "$c" > "$work/logs/$c.log" 2>&1 || true
    done
    if [ "$failures" -gt 0 ]; then
      for c in tb-node-a tb-node-b tb-haproxy; do
        [ -s "$work/logs/$c.log" ] && { echo "== last lines of $c"; tail -n 30 "$work/logs/$c.log"; }
      done
    fi
    "$docker" rm -f tb-node-a tb-node-b tb-haproxy > /dev/null 2>&1
    "$docker" volume rm -f tb-node-a-data tb-node-b-data > /dev/null 2>&1
    "$docker" image prune -f > /dev/null 2>&1
  fi
  [ -n "$sim_pid" ] && kill -- "-$sim_pid" 2> /dev/null
  stop_daemon
  echo "logs: $work/logs"
  echo "docker/test.sh took $(( $(date +%s) - started )) s, $failures failure(s)"
  if [ "$failures" -eq 0 ]; then echo "RESULT: PASS"; else echo "RESULT: FAIL"; exit 1; fi
}
stop_daemon() {
  local pid
  pid=$(cat "$run/dockerd.pid" 2> /dev/null) || return 0
  if kill "$pid" 2> /dev/null; then
    for _ in $(seq 30); do kill -0 "$pid" 2> /dev/null || break; sleep 1; done
    kill -9 "$pid" 2> /dev/null
  fi
  # the daemon leaves its network namespace handle mounted
  umount "$run/exec/netns/default" 2> /dev/null
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- what it needs -------------------------------------------------------------------------------------
note "installing what is missing"
mkdir -p "$work/logs"
need=()
command -v dockerd > /dev/null && [ -x "$docker" ] || need+=(docker.io)
command -v debootstrap > /dev/null || need+=(debootstrap)
command -v docker-compose > /dev/null || need+=(docker-compose)
command -v unzip > /dev/null || need+=(unzip)
command -v curl > /dev/null || need+=(curl)
command -v psql > /dev/null || need+=(postgresql-client)
if [ "${#need[@]}" -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q "${need[@]}" > "$work/logs/apt.log" 2>&1 \
    || { apt-get update -q > /dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
         install -y -q "${need[@]}" > "$work/logs/apt.log" 2>&1; } || die "apt-get install ${need[*]} (see $work/logs/apt.log)"
fi
pg_isready -h 127.0.0.1 -p 5432 -q || die "PostgreSQL does not answer on 127.0.0.1:5432"
for port in $lb $http_a $mgmt_a $http_b $mgmt_b $sim; do
  (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null && die "port $port is already in use"
done

# --- our own daemon ----------------------------------------------------------------------------------------
note "starting dockerd in $run"
mkdir -p "$run" "$work/logs"
stop_daemon   # one left behind by an interrupted run
rm -rf "$run/exec" "$run/docker.sock"
dockerd --data-root "$work/data" --exec-root "$run/exec" --pidfile "$run/dockerd.pid" \
        --host "$DOCKER_HOST" --iptables=false --ip6tables=false --bridge=none \
        > "$work/logs/dockerd.log" 2>&1 &
for _ in $(seq 60); do "$docker" info > /dev/null 2>&1 && break; sleep 1; done
"$docker" info > /dev/null 2>&1 || die "dockerd did not start (see $work/logs/dockerd.log)"
for c in tb-node-a tb-node-b tb-haproxy; do "$docker" rm -f "$c" > /dev/null 2>&1; done
"$docker" volume rm -f tb-node-a-data tb-node-b-data > /dev/null 2>&1

# --- images --------------------------------------------------------------------------------------------
note "base images"
DOCKER=$docker docker/base-image.sh "$work" || die "stand-in base image (docker/base-image.sh)"

if [ ! -f target/thibitisha.war ] || [ ! -f target/server/modules/org/postgresql/main/postgresql.jar ] \
   || [ -n "$(find src pom.xml wildfly-config -newer target/thibitisha.war -print -quit)" ]; then
  note "building the WAR (./mvnw package)"
  ./mvnw -B -q package -DskipUTs=true -DskipITs=true > "$work/logs/mvn-package.log" 2>&1 \
    || die "./mvnw package (see $work/logs/mvn-package.log)"
fi
note "building docker/Dockerfile"
build_started=$(date +%s)
if "$docker" build --network host -f docker/Dockerfile -t "$image" . > "$work/logs/build.log" 2>&1; then
  pass "docker/Dockerfile builds on the base image in $(( $(date +%s) - build_started )) s"
else
  tail -n 30 "$work/logs/build.log"
  die "docker/Dockerfile does not build"
fi
user=$("$docker" image inspect -f '{{.Config.User}}' "$image")
uid=$("$docker" run --rm --entrypoint id "$image" -u)
[ "$user" = jboss ] && [ "$uid" = 1000 ] && pass "the image runs as jboss (uid 1000)" \
  || fail "the image runs as '$user' (uid $uid), not jboss"
baked=$("$docker" run --rm --entrypoint sh "$image" -c \
  'grep -hEv "^[[:space:]]*(#|$)" $JBOSS_HOME/standalone/configuration/*-users.properties | wc -l')
[ "$baked" = 0 ] && pass "no users baked into the image" || fail "$baked user line(s) baked into the image"

if command -v docker-compose > /dev/null; then
  secrets_tmp=$(mktemp -d)
  cp -r docker/compose.yaml docker/haproxy.cfg "$secrets_tmp/"
  docker/secrets.sh "$secrets_tmp/secrets" > /dev/null
  if docker-compose -f "$secrets_tmp/compose.yaml" config -q 2> "$work/logs/compose-config.log"; then
    pass "docker/compose.yaml is valid (docker-compose $(docker-compose version --short))"
  else
    cat "$work/logs/compose-config.log"; fail "docker/compose.yaml is not valid"
  fi
  rm -rf "$secrets_tmp"
fi

# --- the pair --------------------------------------------------------------------------------------------
note "secrets, database schema, Sautikit simulator"
secrets=$work/secrets
rm -rf "$secrets"
SAUTIKIT_API_KEY=demo-key SAUTIKIT_WEBHOOK_SECRET=whsec_demo PAYBILL_174379_TOKEN=sandbox \
OPS_USER=$ops_user OPS_PASSWORD=$ops_password docker/secrets.sh "$secrets" > /dev/null
PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -d test -q -v ON_ERROR_STOP=1 \
  -c "DROP SCHEMA IF EXISTS $schema CASCADE" -c "CREATE SCHEMA $schema" || die "cannot reset schema $schema"

setsid ./mvnw -B -q test-compile exec:java -Dexec.mainClass=ke.thibitisha.sim.sautikit.SautikitSimulatorMain \
  -Dexec.args="--port=$sim --api-key=demo-key --owned=+254711000000 --webhook-secret=whsec_demo \
  --events-url=http://127.0.0.1:$lb/thibitisha/api/sautikit/events --default-script=answer:1000:3000:1" \
  > "$work/logs/sautikit-simulator.log" 2>&1 &
sim_pid=$!

# one node as compose.yaml's node-a/node-b, on the host network: port offset, loopback addresses
start_node() {  # start_node NAME OFFSET
  local args=()
  for s in db_password cluster_password sautikit_api_key sautikit_webhook_secret paybill_174379_token \
           application-users.properties application-roles.properties; do
    args+=(-v "$secrets/$s:/run/secrets/$s:ro")
  done
  "$docker" run -d --name "tb-node-$1" --network host --stop-timeout 60 \
    -v "tb-node-$1-data:/opt/jboss/wildfly/standalone/data" "${args[@]}" \
    -e PUBLIC_ADDRESS=127.0.0.1 -e PRIVATE_ADDRESS=127.0.0.1 -e PORT_OFFSET="$2" \
    -e DB_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$schema" -e DB_USER=postgres \
    -e DB_PASSWORD_FILE=/run/secrets/db_password -e THIBITISHA_CLUSTER_PASSWORD_FILE=/run/secrets/cluster_password \
    -e SAUTIKIT_API_KEY_FILE=/run/secrets/sautikit_api_key \
    -e SAUTIKIT_WEBHOOK_SECRET_FILE=/run/secrets/sautikit_webhook_secret \
    -e PAYBILL_174379_TOKEN_FILE=/run/secrets/paybill_174379_token \
    -e SAUTIKIT_BASE_URL="http://127.0.0.1:$sim" -e SAUTIKIT_FROM_NUMBER=+254711000000 \
    -e APP_URL="http://127.0.0.1:$lb/thibitisha" -e THIBITISHA_TRUSTED_PROXIES=127.0.0.1 \
    "$image" -c standalone-full-ha.xml "-Djboss.node.name=$1" > /dev/null
}
wait_healthy() {  # wait_healthy CONTAINER SECONDS: the image's HEALTHCHECK (readiness) says healthy
  local state="" t0
  t0=$(date +%s)
  while [ $(( $(date +%s) - t0 )) -lt "$2" ]; do
    state=$("$docker" inspect -f '{{.State.Status}} {{.State.Health.Status}}' "$1" 2> /dev/null)
    case "$state" in
      "running healthy") echo $(( $(date +%s) - t0 )); return 0 ;;
      running*) sleep 2 ;;
      *) break ;;
    esac
  done
  echo "$state"; return 1
}

note "starting node a, node b and HAProxy"
start_node a $offset_a
start_node b $offset_b
"$docker" run -d --name tb-haproxy --network host \
  -e LISTEN=127.0.0.1:$lb -e NODE_A=127.0.0.1:$http_a -e NODE_A_MGMT=$mgmt_a \
  -e NODE_B=127.0.0.1:$http_b -e NODE_B_MGMT=$mgmt_b \
  -v "$repo/docker/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro" "$haproxy_image" > /dev/null
for n in a b; do
  if took=$(wait_healthy "tb-node-$n" 900); then
    pass "node $n is healthy (readiness UP; waited $took s for it)"
  else
    die "node $n did not become healthy: $took"
  fi
done
# "… joined cluster 'ejb' with view: [b|1] (2) [b, a]" or "Received new cluster view for channel ee: [a|1] (2) [a, b]"
# (grep reads everything: with pipefail, grep -q would fail the pipeline by closing it early)
views=$({ "$docker" logs tb-node-a 2>&1; "$docker" logs tb-node-b 2>&1; } | grep -E 'view.*\] \(2\) \[')
if [ -n "$views" ]; then
  pass "a and b formed one cluster view (discovery through the shared database)"
else
  fail "no two-member cluster view in the nodes' logs"
fi
listening=$(ss -Hltn "sport = :$mgmt_a" | awk '{ print $4 }' | sort -u | tr '\n' ' ')
[ "$listening" = "127.0.0.1:$mgmt_a " ] && pass "management listens on the private address only ($listening)" \
  || fail "management of node a listens on: $listening"

for _ in $(seq 60); do (exec 3<> "/dev/tcp/127.0.0.1/$sim") 2> /dev/null && break; sleep 2; done
(exec 3<> "/dev/tcp/127.0.0.1/$sim") 2> /dev/null || die "the Sautikit simulator did not start (see $work/logs/sautikit-simulator.log)"
sleep 5   # HAProxy: two good checks (rise 2, inter 2s) before a node gets traffic

callback() {  # callback CHECKOUT_ID RECEIPT: the README's sample STK callback through HAProxy; prints the status
  curl -s -o "$work/logs/last-callback.json" -w '%{http_code}' -m 20 -H 'Content-Type: application/json' \
    "http://127.0.0.1:$lb/thibitisha/api/daraja/174379/sandbox/stk" \
    -d '{"Body":{"stkCallback":{"MerchantRequestID":"8f3a-4c21-9e0b-5d7e6a1b2c3d401122",
       "CheckoutRequestID":"'"$1"'","ResultCode":0,
       "ResultDesc":"The service request is processed successfully.",
       "CallbackMetadata":{"Item":[{"Name":"Amount","Value":1500},
       {"Name":"MpesaReceiptNumber","Value":"'"$2"'"},{"Name":"TransactionDate","Value":20260305143227},
       {"Name":"PhoneNumber","Value":254722123456}]}}}}'
}
payment_status() {  # payment_status BASE_URL RECEIPT
  curl -s -m 10 -u "$ops_user:$ops_password" "$1/thibitisha/api/payments/$2" \
    | grep -oE '"status" *: *"[A-Z_]+"' | sed -n 1p | grep -oE '[A-Z_]+"$' | tr -d '"'
}

note "the sample callback through HAProxy"
code=$(callback ws_CO_050320261432105722123456 UC58K2QW7P)
if [ "$code" = 200 ] && grep -q '"ResultCode":0' "$work/logs/last-callback.json"; then
  pass "the README's sample callback through HAProxy: 200 $(cat "$work/logs/last-callback.json")"
else
  fail "the sample callback through HAProxy answered $code $(cat "$work/logs/last-callback.json" 2> /dev/null)"
fi
# Answered = Sautikit's voice callback came back through HAProxy; the outcome says whether the simulated
# payer's key press made it too (ACKNOWLEDGED; on a loaded machine a late answer to the simulator's 5 s
# voice-callback timeout can leave it NO_RESPONSE).
status=""
for _ in $(seq 90); do
  status=$(payment_status "http://127.0.0.1:$lb" UC58K2QW7P)
  case "$status" in ACKNOWLEDGED|ESCALATED|NO_RESPONSE|UNREACHED|FAILED|REJECTED|UNDIALABLE) break ;; esac
  sleep 2
done
case "$status" in
  ACKNOWLEDGED|ESCALATED|NO_RESPONSE)
    pass "payment UC58K2QW7P was called and answered, outcome $status (operator API, voice callbacks and events through HAProxy)" ;;
  *) fail "payment UC58K2QW7P is '$status', not an answered call" ;;
esac

# --- graceful stop ---------------------------------------------------------------------------------------
note "stopping node a (SIGTERM) while callbacks keep coming through HAProxy"
uuid_before=$("$docker" exec tb-node-a cat /opt/jboss/wildfly/standalone/data/kernel/process-uuid)
stop_started=$(date +%s)
"$docker" stop -t 60 tb-node-a > /dev/null &
stopper=$!
codes=""
for i in 1 2 3 4 5 6 7 8; do
  codes="$codes $(callback "ws_CO_DOCKERSTOP$i" "UDOCKSTOP$i")"
  sleep 1
done
wait "$stopper"
stop_took=$(( $(date +%s) - stop_started ))
[ "$(echo $codes | tr ' ' '\n' | sort -u)" = 200 ] \
  && pass "8 callbacks during the stop, all answered 200 through HAProxy" \
  || fail "callbacks during the stop answered:$codes"
exit_code=$("$docker" inspect -f '{{.State.ExitCode}}' tb-node-a)
[ "$exit_code" = 0 ] && pass "node a exited with code 0 after docker stop ($stop_took s)" \
  || fail "node a exited with code $exit_code after docker stop ($stop_took s)"
"$docker" logs tb-node-a > "$work/logs/tb-node-a.first.log" 2>&1
grep -q WFLYSRV0211 "$work/logs/tb-node-a.first.log" && grep -q WFLYSRV0050 "$work/logs/tb-node-a.first.log" \
  && pass "node a suspended first (WFLYSRV0211) and stopped cleanly (WFLYSRV0050)" \
  || fail "node a's log lacks the suspend (WFLYSRV0211) or clean stop (WFLYSRV0050) line"
pending=$("$docker" run --rm --entrypoint find -v tb-node-a-data:/data "$image" \
  /data/tx-object-store -path '*StateManager*' -type f | wc -l)
[ "$pending" = 0 ] && pass "no transaction left for recovery in node a's volume" \
  || fail "$pending transaction record(s) left for recovery in node a's volume"

# --- a new container on the same volume --------------------------------------------------------------------
note "replacing node a's container, same volume"
"$docker" rm tb-node-a > /dev/null
start_node a $offset_a
if took=$(wait_healthy tb-node-a 900); then
  pass "node a is healthy again $took s after its restart"
else
  fail "node a did not become healthy after its restart: $took"
fi
uuid_after=$("$docker" exec tb-node-a cat /opt/jboss/wildfly/standalone/data/kernel/process-uuid 2> /dev/null)
[ -n "$uuid_before" ] && [ "$uuid_before" = "$uuid_after" ] \
  && pass "the volume kept node a's data (same server process-uuid $uuid_after)" \
  || fail "node a's data did not survive: process-uuid '$uuid_before' then '$uuid_after'"
owner=$("$docker" exec tb-node-a stat -c %u /opt/jboss/wildfly/standalone/data 2> /dev/null)
[ "$owner" = 1000 ] && pass "the data volume is owned by the server user (uid 1000)" \
  || fail "the data volume is owned by uid '$owner'"
recovery=$("$docker" logs tb-node-a 2>&1 | grep -E ' (WARN|ERROR) ' | grep -iE 'arjuna|recover|AMQ22[24]' | sed -n 1,5p)
[ -z "$recovery" ] && pass "no recovery work on the next start (no Narayana/Artemis recovery warnings)" \
  || fail "recovery work on the next start: $recovery"
before=$status
status=$(payment_status "http://127.0.0.1:$http_a" UC58K2QW7P)
[ -n "$status" ] && [ "$status" = "$before" ] \
  && pass "node a still shows payment UC58K2QW7P $status after the restart" \
  || fail "node a shows payment UC58K2QW7P as '$status' after the restart (was $before)"
missing=0
for i in 1 2 3 4 5 6 7 8; do
  [ -n "$(payment_status "http://127.0.0.1:$lb" "UDOCKSTOP$i")" ] || missing=$((missing + 1))
done
[ "$missing" = 0 ] && pass "the 8 callbacks sent during the stop are all stored" \
  || fail "$missing of the 8 callbacks sent during the stop are not stored"
finished=true
