#!/usr/bin/env bash
# Runs the end-to-end suite against the built app: Xvfb, a private session bus with dunst as the
# notification daemon, tauri-driver with WebKitWebDriver, then node's test runner.
#   tests/e2e/run.sh path/to/lull-desktop [test files…]   (default: every tests/e2e/*.test.mjs)
set -euo pipefail
app=$(readlink -f "${1:?usage: tests/e2e/run.sh path/to/lull-desktop [test files…]}")
shift
cd "$(dirname "$0")/../.."

if [ -z "${LULL_E2E_INSIDE:-}" ]; then
  # Re-run inside a private session bus so nothing touches the user's desktop.
  export LULL_E2E_INSIDE=1
  exec dbus-run-session -- "$0" "$app" "$@"
fi

artifacts=tests/e2e/artifacts
mkdir -p "$artifacts"
display=:$(( 90 + RANDOM % 100 ))
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "${scratch_home:-}" ] && rm -rf "$scratch_home"
  true
}
trap cleanup EXIT

Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$artifacts/xvfb.log" 2>&1 & pids+=($!)
export DISPLAY=$display NO_AT_BRIDGE=1 GTK_A11Y=none GDK_BACKEND=x11
# A scratch home: dconf (behind gsettings, which the GNOME test switches), dunst, WebKit's caches
# and the autostart entry (which the autostart plugin writes under $HOME/.config, whatever
# XDG_CONFIG_HOME says) go there, never into the developer's own desktop settings.
scratch_home=$(mktemp -d)
export HOME=$scratch_home XDG_CONFIG_HOME=$scratch_home/.config
mkdir -p "$XDG_CONFIG_HOME"
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
# Anything the bus activates (dunst included) gets the display too.
dbus-update-activation-environment DISPLAY NO_AT_BRIDGE GTK_A11Y HOME XDG_CONFIG_HOME

# dunst's defaults, but a history without a limit (the default keeps 20): the tests read what was
# shown from it, and a flood of notices must not push the one a test looks for out.
mkdir -p "$XDG_CONFIG_HOME/dunst"
sed 's/^\( *history_length *=\).*/\1 0/' /etc/xdg/dunst/dunstrc >"$XDG_CONFIG_HOME/dunst/dunstrc"
dunst >"$artifacts/dunst.log" 2>&1 & pids+=($!)
has_owner() {
  dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null | grep -q true
}
for _ in $(seq 50); do has_owner && break; sleep 0.1; done
has_owner || { echo "e2e: dunst did not start; see $artifacts/dunst.log" >&2; exit 1; }

port=$(( 4444 + RANDOM % 1000 ))
tauri-driver --port "$port" --native-port $(( port + 1 )) >"$artifacts/tauri-driver.log" 2>&1 & pids+=($!)

LULL_APP=$app LULL_DRIVER_URL="http://127.0.0.1:$port" node --test --test-concurrency=1 "${@:-tests/e2e/}"
