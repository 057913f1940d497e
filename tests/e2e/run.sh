#!/usr/bin/env bash
# Runs the end-to-end suite against the built app: a private session bus with one notification
# daemon on it, a display, tauri-driver with WebKitWebDriver, then node's test runner.
#   tests/e2e/run.sh path/to/lull-desktop [test files…]   (default: every tests/e2e/*.test.mjs)
# LULL_E2E_DAEMON picks the daemon: dunst (default), xfce (xfce4-notifyd) or kde (a stand-in for
# Plasma's server, kde-standin.py) under Xvfb, mako or
# swaync under a headless sway, which refuses to run as root: those runs copy the app and the
# suite to a scratch directory and run as the unprivileged uid 65534 (see docs/testing.md).
set -euo pipefail
app=$(readlink -f "${1:?usage: tests/e2e/run.sh path/to/lull-desktop [test files…]}")
shift
cd "$(dirname "$0")/../.."
daemon=${LULL_E2E_DAEMON:-dunst}
export LULL_E2E_DAEMON=$daemon

# The D-Bus services that may be activated on the test bus: dconf (behind gsettings) and only
# the chosen daemon's (several packages offer org.freedesktop.Notifications, and activation would
# pick any of them).
services_for() {
  echo ca.desrt.dconf.service
  case $1 in
    dunst) echo org.knopwob.dunst.service ;;
    xfce) echo org.xfce.xfce4-notifyd.Notifications.service org.xfce.Xfconf.service ;;
    mako) echo fr.emersion.mako.service ;;
    swaync) echo org.erikreider.swaync.service ;;
    kde) ;;
    *) echo "e2e: LULL_E2E_DAEMON=$1 is not dunst, xfce, mako, swaync or kde" >&2; return 1 ;;
  esac
}

if [ -z "${LULL_E2E_INSIDE:-}" ]; then
  export LULL_E2E_INSIDE=1
  bus_dir=$(mktemp -d)
  for service in $(services_for "$daemon"); do
    cp "/usr/share/dbus-1/services/$service" "$bus_dir/"
  done
  sed "s#<standard_session_servicedirs */>#<servicedir>$bus_dir</servicedir>#" \
    /usr/share/dbus-1/session.conf >"$bus_dir/session.conf"
  case $daemon in
    mako | swaync)
      # sway refuses root: the app, the CLI and the suite go where uid 65534 can read them, and
      # the run happens there, in a home of its own.
      scratch=$(mktemp -d)
      mkdir -p "$scratch/app" "$scratch/repo/tests" "$scratch/home"
      cp "$app" "$(dirname "$app")/lull" "$scratch/app/"
      # tauri-driver is usually in root's ~/.cargo/bin, which uid 65534 cannot read.
      if command -v tauri-driver >/dev/null; then cp "$(command -v tauri-driver)" "$scratch/app/"; fi
      cp -r tests/e2e "$scratch/repo/tests/"
      rm -rf "$scratch/repo/tests/e2e/artifacts"
      chmod -R a+rX "$bus_dir" "$scratch"
      chown -R 65534:65534 "$scratch/home" "$scratch/repo/tests/e2e"
      status=0
      keep=(PATH="$scratch/app:$PATH" HOME="$scratch/home" LULL_E2E_INSIDE=1 LULL_E2E_DAEMON="$daemon")
      [ -n "${TZ:-}" ] && keep+=(TZ="$TZ")
      [ -n "${LULL_BENCH_OUT:-}" ] && keep+=(LULL_BENCH_OUT="$LULL_BENCH_OUT")
      [ -n "${LULL_BENCH_ROUNDS:-}" ] && keep+=(LULL_BENCH_ROUNDS="$LULL_BENCH_ROUNDS")
      setpriv --reuid=65534 --regid=65534 --clear-groups env -i "${keep[@]}" \
        dbus-run-session --config-file="$bus_dir/session.conf" -- \
        "$scratch/repo/tests/e2e/run.sh" "$scratch/app/$(basename "$app")" "$@" || status=$?
      mkdir -p tests/e2e/artifacts
      cp -r "$scratch/repo/tests/e2e/artifacts/." tests/e2e/artifacts/ 2>/dev/null || true
      rm -rf "$scratch" "$bus_dir"
      exit "$status"
      ;;
  esac
  # Re-run inside a private session bus so nothing touches the user's desktop.
  status=0
  dbus-run-session --config-file="$bus_dir/session.conf" -- "$0" "$app" "$@" || status=$?
  rm -rf "$bus_dir"
  exit "$status"
fi

artifacts=tests/e2e/artifacts
mkdir -p "$artifacts"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "${scratch_home:-}" ] && rm -rf "$scratch_home"
  true
}
trap cleanup EXIT

# A scratch home: dconf (behind gsettings, which the GNOME test switches), the daemons' configs,
# WebKit's caches and the autostart entry (which the autostart plugin writes under
# $HOME/.config, whatever XDG_CONFIG_HOME says) go there, never into the developer's own
# desktop settings.
scratch_home=$(mktemp -d)
export HOME=$scratch_home XDG_CONFIG_HOME=$scratch_home/.config
mkdir -p "$XDG_CONFIG_HOME"
export NO_AT_BRIDGE=1 GTK_A11Y=none

case $daemon in
  dunst | xfce | kde)
    # Xvfb picks a free display and writes its number once it accepts clients (a display
    # picked here could hold the stale socket of an Xvfb killed earlier).
    Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$scratch_home/display" >"$artifacts/xvfb.log" 2>&1 & pids+=($!)
    for _ in $(seq 100); do grep -q . "$scratch_home/display" && break; sleep 0.1; done
    [ -s "$scratch_home/display" ] || { echo "e2e: Xvfb did not start; see $artifacts/xvfb.log" >&2; exit 1; }
    DISPLAY=:$(cat "$scratch_home/display")
    export DISPLAY GDK_BACKEND=x11
    ;;
  mako | swaync)
    export XDG_RUNTIME_DIR=$scratch_home/run GDK_BACKEND=wayland GSETTINGS_BACKEND=memory
    mkdir -m 700 "$XDG_RUNTIME_DIR"
    printf 'output HEADLESS-1 resolution 1280x800\nxwayland disable\n' >"$scratch_home/sway.cfg"
    WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman \
      sway -c "$scratch_home/sway.cfg" >"$artifacts/sway.log" 2>&1 & pids+=($!)
    for _ in $(seq 50); do compgen -G "$XDG_RUNTIME_DIR/wayland-*" >/dev/null && break; sleep 0.1; done
    socket=$(compgen -G "$XDG_RUNTIME_DIR/wayland-?" | head -1)
    [ -n "$socket" ] || { echo "e2e: sway did not start; see $artifacts/sway.log" >&2; exit 1; }
    export WAYLAND_DISPLAY=${socket##*/}
    ;;
esac
# Anything the bus activates gets the display and the home too.
dbus-update-activation-environment DISPLAY WAYLAND_DISPLAY XDG_RUNTIME_DIR NO_AT_BRIDGE GTK_A11Y HOME \
  XDG_CONFIG_HOME GSETTINGS_BACKEND 2>/dev/null || true

case $daemon in
  dunst)
    # dunst's defaults, but a history without a limit (the default keeps 20): the tests read
    # what was shown from it, and a flood of notices must not push the one a test looks for out.
    mkdir -p "$XDG_CONFIG_HOME/dunst"
    sed 's/^\( *history_length *=\).*/\1 0/' /etc/xdg/dunst/dunstrc >"$XDG_CONFIG_HOME/dunst/dunstrc"
    dunst >"$artifacts/dunst.log" 2>&1 & pids+=($!)
    ;;
  xfce)
    /usr/lib/x86_64-linux-gnu/xfce4/notifyd/xfce4-notifyd >"$artifacts/xfce4-notifyd.log" 2>&1 &
    ;;
  mako)
    # The do-not-disturb mode Lull switches is the user's to define; this is the README's.
    mkdir -p "$XDG_CONFIG_HOME/mako"
    printf '[mode=do-not-disturb]\ninvisible=1\n' >"$XDG_CONFIG_HOME/mako/config"
    mako >"$artifacts/mako.log" 2>&1 & pids+=($!)
    ;;
  swaync)
    swaync >"$artifacts/swaync.log" 2>&1 & pids+=($!)
    ;;
  kde)
    tests/e2e/kde-standin.py >"$artifacts/kde-standin.log" 2>&1 & pids+=($!)
    ;;
esac
has_owner() {
  dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner "string:${1:-org.freedesktop.Notifications}" 2>/dev/null | grep -q true
}
for _ in $(seq 50); do has_owner && break; sleep 0.1; done
has_owner || { echo "e2e: $daemon did not start; see $artifacts/" >&2; exit 1; }
# A tray host, as a desktop with tray icons has one (KDE, Xfce, waybar, GNOME's AppIndicator
# extension): without one, Lull opens its window instead of starting invisibly in the tray.
# tests/e2e/first-run.test.mjs stops it (LULL_E2E_WATCHER_PID) to see a desktop without one.
status-notifier-watcher >"$artifacts/status-notifier-watcher.log" 2>&1 & pids+=($!)
export LULL_E2E_WATCHER_PID=$!
for _ in $(seq 50); do has_owner org.kde.StatusNotifierWatcher && break; sleep 0.1; done
has_owner org.kde.StatusNotifierWatcher || { echo "e2e: no tray host; see $artifacts/" >&2; exit 1; }

port=$(( 4444 + RANDOM % 1000 ))
tauri-driver --port "$port" --native-port $(( port + 1 )) >"$artifacts/tauri-driver.log" 2>&1 & pids+=($!)

LULL_APP=$app LULL_DRIVER_URL="http://127.0.0.1:$port" node --test --test-concurrency=1 "${@:-tests/e2e/}"
