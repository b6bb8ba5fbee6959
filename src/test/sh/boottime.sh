#!/usr/bin/env bash
# One start of a configured server (default target/server) on an empty data directory: posts the README's sample
# STK callback every 100 ms until it is answered 200, then prints the wall time from process start, the CPU the
# server's JVM spent until then (/proc/<pid>/stat utime + stime) and its resident memory, and stops the server.
# Starts WildFly on 8080/9990: run it in a network namespace of your own where the machine is shared.
#   nice -n 19 src/test/sh/boottime.sh [SERVER_DIR] [extra standalone.sh arguments...]
set -euo pipefail
home=$(cd "${1:-target/server}" && pwd); shift || true
rm -rf "$home"/standalone/data "$home"/standalone/tmp "$home"/standalone/log
console=$(mktemp /tmp/boottime.XXXXXX.log)
url=http://127.0.0.1:8080/thibitisha/api/daraja/174379/sandbox/stk
body='{"Body":{"stkCallback":{"MerchantRequestID":"8f3a-4c21-9e0b-5d7e6a1b2c3d401122",
"CheckoutRequestID":"ws_CO_050320261432105722123456","ResultCode":0,
"ResultDesc":"The service request is processed successfully.",
"CallbackMetadata":{"Item":[{"Name":"Amount","Value":1500},
{"Name":"MpesaReceiptNumber","Value":"UC58K2QW7P"},{"Name":"TransactionDate","Value":20260305143227},
{"Name":"PhoneNumber","Value":254722123456}]}}}}'

begin=$(date +%s%N)
env -u JAVA_OPTS -u DB_URL sh "$home/bin/standalone.sh" "$@" > "$console" 2>&1 &
shell=$!
jvm=""
while [ -z "$jvm" ]; do
  kill -0 "$shell" 2> /dev/null || { echo "standalone.sh exited; see $console" >&2; exit 1; }
  jvm=$(pgrep -P "$shell" -f -- '-D\[Standalone\]' || true)
  [ -n "$jvm" ] || sleep 0.05
done
stop() { kill "$jvm" 2> /dev/null || true; wait "$shell" 2> /dev/null || true; }
trap stop EXIT
until [ "$(curl -s -o /dev/null -w '%{http_code}' -m 10 -H 'Content-Type: application/json' -d "$body" "$url")" = 200 ]; do
  kill -0 "$jvm" 2> /dev/null || { echo "the server died; see $console" >&2; exit 1; }
  sleep 0.1
done
end=$(date +%s%N)
read -r -a stat < "/proc/$jvm/stat"
ticks=$(getconf CLK_TCK)
rss=$(awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$jvm/status")
awk -v w="$(( (end - begin) / 1000000 ))" -v u="${stat[13]}" -v s="${stat[14]}" -v hz="$ticks" -v rss="$rss" \
    -v avg="$(cut -d' ' -f1-3 /proc/loadavg)" \
  'BEGIN { printf "wall %.1f s  jvm cpu %.1f s (user %.1f, sys %.1f)  rss %d MiB  load %s\n", w / 1000, (u + s) / hz, u / hz, s / hz, rss, avg }'
grep -E 'WFLYSRV0025|WFLYSRV0026' "$console" | sed 's/^.*WFLYSRV/  WFLYSRV/' || true
