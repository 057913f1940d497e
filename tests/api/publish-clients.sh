#!/usr/bin/env bash
# Real clients publishing to a real `lull serve` on a temp data directory, each with a publish
# token of its own: curl exactly as ntfy's and Gotify's documentation shows it, apprise (Debian's)
# with an ntfy:// URL, and the `gotify` Python client (PyPI, from tests/api/requirements.txt).
# Then what a publish token may not do (everything else), a revoked token, and what Lull stored
# (`lull inbox --json`), with the token that sent each message.
#   tests/api/publish-clients.sh path/to/lull [path/to/python-with-gotify]
set -euo pipefail
lull=$(readlink -f "${1:?usage: tests/api/publish-clients.sh path/to/lull [python]}")
python=${2:-${LULL_TEST_PYTHON:-$HOME/.cache/lull-tests/venv/bin/python}}
data=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$data"' EXIT
"$lull" --data-dir "$data" serve --port 0 2>"$data/serve.log" &
server=$!
for _ in $(seq 100); do [ -s "$data/api.json" ] && break; sleep 0.1; done
port=$(sed -E 's/.*"port":([0-9]+).*/\1/' "$data/api.json")
control=$("$lull" --data-dir "$data" token)
publish=$("$lull" --data-dir "$data" token new curl 2>/dev/null)
url="http://127.0.0.1:$port"
fail() { echo "not ok - $*" >&2; exit 1; }
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

# ntfy's "Publishing" docs: plain body, then title/priority/tags headers (and their short aliases).
curl -sf -u ":$publish" -d "Backup successful 😀" "$url/mytopic" >/dev/null || fail "ntfy plain publish"
curl -sf -u ":$publish" \
  -H "Title: Unauthorized access detected" \
  -H "Priority: urgent" \
  -H "Tags: warning,skull" \
  -d "Remote access to phils-laptop detected. Act right away." \
  "$url/phil_alerts" >/dev/null || fail "ntfy publish with headers"
curl -sf -u ":$publish" -H "t: Short aliases" -H "p: 2" -H "ta: a,b" -d "aliases" "$url/aliases" >/dev/null || fail "ntfy aliases"
printf 'sent with PUT' >"$data/put.txt"
curl -sf -H "Authorization: Bearer $publish" -T "$data/put.txt" "$url/puttopic" >/dev/null || fail "ntfy PUT"
# ntfy's JSON publishing to the root URL.
curl -sf -u ":$publish" "$url" -d '{"topic": "mytopic", "message": "Disk space is low at 5.1 GB", "title": "Low disk space alert", "tags": ["warning", "cd"], "priority": 4, "click": "https://homecamera.lan/xasds1h2xsSsa/"}' >/dev/null || fail "ntfy JSON"
# Gotify's docs: form fields with the app token (as a query parameter and as a header).
curl -sf "$url/message?token=$publish" -F "title=my title" -F "message=my message" -F "priority=5" >/dev/null || fail "gotify multipart form"
curl -sf -H "X-Gotify-Key: $publish" "$url/message" -d "title=my title" -d "message=form message" -d "priority=8" >/dev/null || fail "gotify form"

# apprise, with the token as the ntfy password in its URL.
apprise_token=$("$lull" --data-dir "$data" token new apprise 2>/dev/null)
apprise -t "Apprise title" -b "sent by apprise" "ntfy://lull:$apprise_token@127.0.0.1:$port/apprise" || fail "apprise publish"
# The gotify Python client, with the token as its app token.
gotify_token=$("$lull" --data-dir "$data" token new python-gotify 2>/dev/null)
"$python" - "$url" "$gotify_token" <<'PY' || fail "the gotify Python client"
import sys
from gotify import Gotify
Gotify(base_url=sys.argv[1], app_token=sys.argv[2]).create_message("sent by python-gotify", title="Gotify client", priority=7)
PY

# What a publish token may not do: anything but publishing (403), and a revoked one nothing (401).
[ "$(code -u ":$publish" "$url/v1/status")" = 403 ] || fail "a publish token may not read the status"
[ "$(code -H "Authorization: Bearer $publish" -X PUT -d '{}' "$url/v1/settings")" = 403 ] || fail "nor change the settings"
[ "$(code -u ":$publish" -X POST -d '{"name": "mine"}' "$url/v1/tokens")" = 403 ] || fail "nor make tokens"
"$lull" --data-dir "$data" token revoke apprise >/dev/null
if apprise -b "after the revocation" "ntfy://lull:$apprise_token@127.0.0.1:$port/apprise" 2>/dev/null; then
  fail "apprise with a revoked token was accepted"
fi
[ "$(code -u ":$apprise_token" -d x "$url/apprise")" = 401 ] || fail "a revoked token is 401"
[ "$(code -d x "$url/mytopic")" = 401 ] || fail "no token is 401"
[ "$(code -u ":wrong" -d x "$url/mytopic")" = 401 ] || fail "a wrong token is 401"
# The control token still publishes, as itself.
curl -sf -u ":$control" -d "from my own script" "$url/mine" >/dev/null || fail "the control token publishes"

inbox=$("$lull" --data-dir "$data" inbox --json)  # pretty-printed: "key": value
for expected in '"body": "Backup successful 😀"' '"title": "Unauthorized access detected"' '"priority": 5' \
                '"source_detail": "phil_alerts"' '"title": "Short aliases"' '"body": "sent with PUT"' \
                '"title": "Low disk space alert"' '"link": "https://homecamera.lan/xasds1h2xsSsa/"' \
                '"source": "gotify"' '"body": "my message"' '"body": "form message"' \
                '"body": "sent by apprise"' '"title": "Apprise title"' '"via": "apprise"' \
                '"body": "sent by python-gotify"' '"via": "python-gotify"' '"via": "curl"'; do
  grep -qF "$expected" <<<"$inbox" || { echo "$inbox" | head -c 600 >&2; fail "stored: $expected"; }
done
count=$(grep -c '"id":' <<<"$inbox")
[ "$count" = 10 ] || fail "10 messages stored, not $count (nothing after the revocation)"
grep -qF '"body": "after the revocation"' <<<"$inbox" && fail "a revoked token's message was stored"
echo "ok - curl, apprise and the gotify Python client published with publish tokens: $count messages, each with its token"
