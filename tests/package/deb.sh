#!/usr/bin/env bash
# Checks the Debian package that scripts/package.sh built: its dependencies resolve on this
# Debian (apt's solver, simulated), it holds the app, the CLI, the desktop entry, the icons and the
# systemd user unit, and once unpacked into a scratch root the CLI answers and the app starts (in
# the tray, on a private bus and display) and serves its API, which the packaged CLI then talks to.
#   tests/package/deb.sh path/to/lull_*.deb
set -euo pipefail
deb=$(readlink -f "${1:?usage: tests/package/deb.sh path/to/package.deb}")
fail() { echo "package test: $*" >&2; exit 1; }

if [ -z "${LULL_PKG_INSIDE:-}" ]; then
  export LULL_PKG_INSIDE=1
  exec dbus-run-session -- "$0" "$deb"
fi

echo "package test: $(basename "$deb"), $(du -h "$deb" | cut -f1)"
depends=$(dpkg-deb -f "$deb" Depends)
for dep in libwebkit2gtk-4.1-0 libgtk-3-0 libayatana-appindicator3-1; do
  grep -q "$dep" <<<"$depends" || fail "Depends lacks $dep: $depends"
done
# apt resolves every dependency from this system's archive (no change is made: -s).
apt-get install -s -qq "$deb" >/dev/null || fail "apt cannot install $deb with its dependencies"

contents=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./||')
for path in usr/bin/lull-desktop usr/bin/lull usr/share/applications/Lull.desktop \
  usr/lib/systemd/user/lull.service usr/share/icons/hicolor/128x128/apps/lull-desktop.png \
  usr/share/bash-completion/completions/lull usr/share/zsh/vendor-completions/_lull \
  usr/share/fish/vendor_completions.d/lull.fish; do
  grep -qx "$path" <<<"$contents" || fail "the package has no /$path"
done

root=$(mktemp -d)
data=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$root" "$data"; }
trap cleanup EXIT
dpkg-deb -x "$deb" "$root"
grep -q '^Exec=lull-desktop' "$root/usr/share/applications/Lull.desktop" || fail "the desktop entry does not start lull-desktop"
entry="$root/usr/share/applications/Lull.desktop"
desktop-file-validate "$entry" || fail "the desktop entry does not validate"
grep -qx 'Keywords=focus;pomodoro;notifications;do not disturb;inbox;' "$entry" || fail "the desktop entry has no Keywords"
for action in 'Exec=lull focus 25m' 'Exec=lull stop' 'Exec=lull-desktop'; do
  grep -qx "$action" "$entry" || fail "the desktop entry has no action with $action"
done

# The bash completion, as bash-completion loads it, completes `lull sn` to `snooze`.
completed=$(bash -c 'source "$1"; COMP_WORDS=(lull sn); COMP_CWORD=1; COMP_LINE="lull sn"; COMP_POINT=7
  _lull lull sn lull; printf "%s\n" "${COMPREPLY[@]}"' _ "$root/usr/share/bash-completion/completions/lull")
[ "$completed" = snooze ] || fail "the bash completion completes 'lull sn' to '$completed', not snooze"
grep -q '^#compdef lull' "$root/usr/share/zsh/vendor-completions/_lull" || fail "the zsh completion is not one"
grep -q '^complete -c lull' "$root/usr/share/fish/vendor_completions.d/lull.fish" || fail "the fish completion is not one"

version=$("$root/usr/bin/lull" --version) || fail "lull --version failed"
echo "package test: $version"
"$root/usr/bin/lull-desktop" --version >/dev/null || fail "lull-desktop --version failed"

display=:$(( 200 + RANDOM % 100 ))
Xvfb "$display" -screen 0 1024x768x24 -nolisten tcp >/dev/null 2>&1 & pids+=($!)
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
export DISPLAY=$display NO_AT_BRIDGE=1 GDK_BACKEND=x11
dbus-update-activation-environment DISPLAY NO_AT_BRIDGE
"$root/usr/bin/lull-desktop" --data-dir "$data" --port 0 --background \
  >"$data/app.log" 2>&1 & pids+=($!)
for _ in $(seq 100); do [ -e "$data/api.json" ] && break; sleep 0.1; done
[ -e "$data/api.json" ] || { cat "$data/app.log" >&2; fail "the installed app did not start its API"; }
status=$("$root/usr/bin/lull" --data-dir "$data" status --json) || fail "the packaged CLI cannot reach the app"
grep -q '"mode"' <<<"$status" || fail "unexpected status: $status"
echo "package test: the unpacked app started and the packaged CLI reached it: ok"
