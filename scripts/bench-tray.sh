#!/usr/bin/env bash
# Lull in the tray, idle, against the smallest Tauri tray app (benches/tray-baseline), both release
# builds, in the same run: PSS of the whole process tree (from /proc/PID/smaps_rollup) and
# context switches (wake-ups) per minute over an idle minute. Xvfb, a private session bus, dunst,
# and a tray host (status-notifier-watcher: without one Lull opens its window). Lull's profile is
# set up (`lull setup --yes`), so capture and do-not-disturb follow as for a user.
# With LULL_BENCH_SOURCES=1 a third row: Lull with one of each remote source configured and open
# (scripts/bench-sources-servers.mjs: a real Dovecot in IDLE, ntfy and Gotify stand-ins sending
# their keepalives), and a fourth: Lull with three calendars (an ICS file, an ICS URL and a CalDAV
# collection on a real Radicale) and the presence followers it always runs; the session bus then
# activates only dunst and dconf (as the e2e suite's does), so no keyring is started behind the
# run's back and the secrets go to the profile's file.
#   scripts/bench-tray.sh [idle seconds, default 60]
set -euo pipefail
cd "$(dirname "$0")/.."
idle=${1:-60}
target_dir=${CARGO_TARGET_DIR:-$PWD/target}

if [ -z "${LULL_BENCH_INSIDE:-}" ]; then
  npm --prefix ui run build --silent >&2
  cargo build --release --bin lull-desktop >&2
  cargo build --release -p lull-cli --bin lull >&2
  cargo build --release -p lull-tray-baseline >&2
  export LULL_BENCH_INSIDE=1
  if [ -n "${LULL_BENCH_SOURCES:-}" ]; then
    bus_dir=$(mktemp -d)
    cp /usr/share/dbus-1/services/{org.knopwob.dunst,ca.desrt.dconf}.service "$bus_dir/"
    sed "s#<standard_session_servicedirs */>#<servicedir>$bus_dir</servicedir>#" \
      /usr/share/dbus-1/session.conf >"$bus_dir/session.conf"
    exec dbus-run-session --config-file="$bus_dir/session.conf" -- "$0" "$@"
  fi
  exec dbus-run-session -- "$0" "$@"
fi

pids=()
data=$(mktemp -d)
sourced=$(mktemp -d)
calendars=$(mktemp -d)
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$data" "$sourced" "$calendars"
}
trap cleanup EXIT
# Xvfb picks a free display and writes its number once it is ready.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$data/display" >/dev/null 2>&1 & pids+=($!)
for _ in $(seq 100); do grep -q . "$data/display" && break; sleep 0.1; done
[ -s "$data/display" ] || { echo "bench-tray: Xvfb did not start" >&2; exit 1; }
DISPLAY=:$(cat "$data/display")
export DISPLAY NO_AT_BRIDGE=1 GTK_A11Y=none GDK_BACKEND=x11
rm "$data/display"
dbus-update-activation-environment DISPLAY NO_AT_BRIDGE GTK_A11Y
dunst >/dev/null 2>&1 & pids+=($!)
status-notifier-watcher >/dev/null 2>&1 & pids+=($!)
sleep 1
"$target_dir/release/lull" setup --yes --data-dir "$data" >/dev/null
if [ -n "${LULL_BENCH_SOURCES:-}" ]; then
  "$target_dir/release/lull" setup --yes --data-dir "$sourced" >/dev/null
  "$target_dir/release/lull" setup --yes --data-dir "$calendars" >/dev/null
  ready=$(mktemp)
  node scripts/bench-sources-servers.mjs "$sourced" "$calendars" "$target_dir/release/lull" >"$ready" & pids+=($!)
  for _ in $(seq 100); do grep -q ready "$ready" && break; sleep 0.1; done
  grep -q ready "$ready" || { echo "bench-tray: the sources' servers did not start" >&2; exit 1; }
  rm -f "$ready"
fi

tree() { # a pid and all its descendants
  local pid=$1
  echo "$pid"
  for child in $(ps -o pid= --ppid "$pid"); do tree "$child"; done
}
pss_kib() { local sum=0; for p in $(tree "$1"); do
  sum=$(( sum + $(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0) )); done; echo "$sum"; }
switches() { local sum=0; for p in $(tree "$1"); do for t in /proc/"$p"/task/*; do
  sum=$(( sum + $(awk '/ctxt_switches/ {s += $2} END {print s + 0}' "$t/status" 2>/dev/null || echo 0) )); done; done; echo "$sum"; }

measure() { # name, command…
  local name=$1; shift
  "$@" >/dev/null 2>&1 & local pid=$!
  pids+=("$pid")
  sleep 10 # start-up done
  if [ -n "${probe:-}" ]; then "${probe[@]}" >&2 || true; fi # what the run idles with, to stderr
  local before; before=$(switches "$pid")
  sleep "$idle"
  local after; after=$(switches "$pid")
  local pss; pss=$(pss_kib "$pid")
  local procs; procs=$(tree "$pid" | wc -l)
  printf '%-22s PSS %6.1f MiB  processes %d  wake-ups %5.1f/min\n' "$name" "$(echo "$pss / 1024" | bc -l)" "$procs" \
    "$(echo "($after - $before) * 60 / $idle" | bc -l)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

echo "idle ${idle} s, $(nproc) cores, $(uname -r), Tauri $(grep -A1 'name = "tauri"' Cargo.lock | sed -n 's/version = "\(.*\)"/\1/p' | head -1)"
measure "minimal tray app" "$target_dir/release/lull-tray-baseline"
measure "Lull (tray, idle)" "$target_dir/release/lull-desktop" --data-dir "$data" --port 0 --background
if [ -n "${LULL_BENCH_SOURCES:-}" ]; then
  probe=("$target_dir/release/lull" sources --data-dir "$sourced")
  measure "Lull, 3 sources open" "$target_dir/release/lull-desktop" --data-dir "$sourced" --port 0 --background
  probe=("$target_dir/release/lull" sources --data-dir "$calendars")
  measure "Lull, 3 calendars" "$target_dir/release/lull-desktop" --data-dir "$calendars" --port 0 --background
fi
