#!/usr/bin/env bash
# Load-tests the local API of a release `lull serve` over loopback with wrk, beside bare rusqlite
# inserts measured in the same run, and reads the idle server's memory. Prints Markdown.
#   scripts/bench-api.sh            (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "bench-api: needs wrk (apt-get install wrk)" >&2; exit 1; }
target=${CARGO_TARGET_DIR:-$PWD/target}
duration=${DURATION:-10s}

cargo build --release --quiet -p lull-cli
data=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$data"' EXIT
"$target/release/lull" --data-dir "$data" serve --port 0 2>"$data/serve.log" &
server=$!
for _ in $(seq 100); do [ -s "$data/api.json" ] && break; sleep 0.1; done
port=$(sed -E 's/.*"port":([0-9]+).*/\1/' "$data/api.json")
token=$(cat "$data/token")

sleep 2
rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$server/status")
pss_kb=$(awk '/^Pss:/ {print $2}' "/proc/$server/smaps_rollup")

cat >"$data/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $token"
wrk.headers["Content-Type"] = "application/json"
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, "/v1/messages", nil,
    '{"sender": "wrk", "title": "load ' .. counter .. '", "body": "pipeline passed all 214 checks in 3m 12s"}')
end
LUA

run() { # connections threads
  wrk -t"$2" -c"$1" -d"$duration" --latency -s "$data/post.lua" "http://127.0.0.1:$port" 2>&1
}
one=$(run 1 1)
eight=$(run 8 2)
field() { echo "$1" | awk -v k="$2" '$1 == k {print $2}'; }
rate() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
errors() { local n; n=$(echo "$1" | awk '/Non-2xx/ {print $5}' | head -1); echo "${n:-0}"; }

baseline=$(cargo bench -p lull-core --bench ingest -- "one message per commit/bare" 2>/dev/null | awk '/thrpt:/ {print $4, $5; exit}')

echo "| load (wrk, $duration, POST /v1/messages) | messages/s | p50 | p99 | non-2xx |"
echo "|---|---:|---:|---:|---:|"
echo "| 1 connection | $(rate "$one") | $(field "$one" 50%) | $(field "$one" 99%) | $(errors "$one") |"
echo "| 8 connections | $(rate "$eight") | $(field "$eight" 50%) | $(field "$eight" 99%) | $(errors "$eight") |"
echo
echo "Baseline, same run: bare rusqlite single-row inserts (one transaction each): $baseline"
echo
echo "\`lull serve\` idle: RSS $((rss_kb / 1024)) MiB ($rss_kb kB), PSS $((pss_kb / 1024)) MiB ($pss_kb kB)"
