#!/usr/bin/env bash
# ntfy and Gotify publishing with curl, exactly as their documentation shows it, against a real
# `lull serve` on a temp data directory. Checks what Lull stored with `lull inbox --json`.
#   tests/api/ntfy-curl.sh path/to/lull
set -euo pipefail
lull=$(readlink -f "${1:?usage: tests/api/ntfy-curl.sh path/to/lull}")
data=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$data"' EXIT
"$lull" --data-dir "$data" serve --port 0 2>"$data/serve.log" &
server=$!
for _ in $(seq 100); do [ -s "$data/api.json" ] && break; sleep 0.1; done
port=$(sed -E 's/.*"port":([0-9]+).*/\1/' "$data/api.json")
token=$("$lull" --data-dir "$data" token)
url="http://localhost:$port"
fail() { echo "not ok - $*" >&2; exit 1; }

# ntfy's "Publishing" docs: plain body, then title/priority/tags headers (and their short aliases).
curl -sf -u ":$token" -d "Backup successful 😀" "$url/mytopic" >/dev/null || fail "ntfy plain publish"
curl -sf -u ":$token" \
  -H "Title: Unauthorized access detected" \
  -H "Priority: urgent" \
  -H "Tags: warning,skull" \
  -d "Remote access to phils-laptop detected. Act right away." \
  "$url/phil_alerts" >/dev/null || fail "ntfy publish with headers"
curl -sf -u ":$token" -H "t: Short aliases" -H "p: 2" -H "ta: a,b" -d "aliases" "$url/aliases" >/dev/null || fail "ntfy aliases"
printf 'sent with PUT' >"$data/put.txt"
curl -sf -u ":$token" -T "$data/put.txt" "$url/puttopic" >/dev/null || fail "ntfy PUT"
# ntfy's JSON publishing to the root URL.
curl -sf -u ":$token" "$url" -d '{"topic": "mytopic", "message": "Disk space is low at 5.1 GB", "title": "Low disk space alert", "tags": ["warning", "cd"], "priority": 4, "click": "https://homecamera.lan/xasds1h2xsSsa/"}' >/dev/null || fail "ntfy JSON"
# Gotify's docs: form fields with the app token (as a query parameter and as a header).
curl -sf "$url/message?token=$token" -F "title=my title" -F "message=my message" -F "priority=5" >/dev/null || fail "gotify multipart form"
curl -sf -H "X-Gotify-Key: $token" "$url/message" -d "title=my title" -d "message=form message" -d "priority=8" >/dev/null || fail "gotify form"
# Refusals: no token, wrong token.
[ "$(curl -s -o /dev/null -w '%{http_code}' -d x "$url/mytopic")" = 401 ] || fail "no token is 401"
[ "$(curl -s -o /dev/null -w '%{http_code}' -u ":wrong" -d x "$url/mytopic")" = 401 ] || fail "a wrong token is 401"

inbox=$("$lull" --data-dir "$data" inbox --json)  # pretty-printed: "key": value
for expected in '"body": "Backup successful 😀"' '"title": "Unauthorized access detected"' '"priority": 5' \
                '"source_detail": "phil_alerts"' '"title": "Short aliases"' '"body": "sent with PUT"' \
                '"title": "Low disk space alert"' '"link": "https://homecamera.lan/xasds1h2xsSsa/"' \
                '"source": "gotify"' '"body": "my message"' '"body": "form message"'; do
  grep -qF "$expected" <<<"$inbox" || { echo "$inbox" | head -c 600 >&2; fail "stored: $expected"; }
done
echo "ok - ntfy and Gotify publishing with curl, as documented: 8 messages stored"
