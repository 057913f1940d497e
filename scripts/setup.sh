#!/usr/bin/env bash
# Installs what Lull needs to build (and, with --test, to run its test suite) when it is missing:
# Debian packages through apt (with sudo when not root), npm packages from ui/package-lock.json, and
# tauri-driver for the end-to-end suite. Safe to run again: it only installs what is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
[ "${1:-}" = "--test" ] && want_test=true

build_pkgs=(libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev libssl-dev
  build-essential pkg-config ca-certificates)
# systemd brings busctl, which dunstctl uses for `history`.
# gsettings with its dconf backend: the GNOME do-not-disturb adapter is tested against them.
# ./dev test lints dev, .ci/run, scripts/ and tests/ with shellcheck.
# The other notification daemons the do-not-disturb scenarios run against: xfce4-notifyd (with
# xfconf and xwininfo from x11-utils) under Xvfb, mako and swaync under a headless sway, whose
# screen grim reads; setpriv (util-linux) runs that session unprivileged; python3-dbus and
# python3-gi run the stand-in for KDE Plasma's server (tests/e2e/kde-standin.py).
# apprise and python3-venv (for the gotify client from PyPI): the publishing clients of
# tests/api/publish-clients.sh. haskell-status-notifier-item-utils: status-notifier-watcher, the
# tray host of the end-to-end session. gnome-keyring: the Secret Service the sources' secrets are
# tested against (lull-secrets), with secret-tool (libsecret-tools) to look at what it holds.
# dovecot-imapd: the IMAP server the mail source is tested against, with openssl making its
# certificate. radicale: the CalDAV server the calendar source is tested against, with python3-tz
# (its vobject needs pytz to store an event with a TZID; Debian's package does not pull it in).
# mutter: GNOME's compositor, whose idle monitor and screen casts the idle and screen-sharing
# witnesses are tested against (as the X11 window manager of an Xvfb), with pipewire, which the
# casts send their frames to. openbox: a real window manager, which makes a window fullscreen in the screen witness's tests, with
# wmctrl asking it to (tests/e2e/presenting.test.mjs).
# desktop-file-utils: desktop-file-validate, which the package test runs on the desktop entry.
test_pkgs=(xvfb xauth dbus-x11 dbus webkit2gtk-driver dunst libnotify-bin procps systemd curl
  libglib2.0-bin gsettings-desktop-schemas dconf-gsettings-backend dconf-service imagemagick
  shellcheck xfce4-notifyd xfconf x11-utils sway mako-notifier sway-notification-center grim
  util-linux python3-dbus python3-gi apprise python3-venv haskell-status-notifier-item-utils
  gnome-keyring libsecret-tools dovecot-imapd openssl radicale python3-tz mutter pipewire openbox wmctrl
  desktop-file-utils appstream lintian rpm rpm2cpio cpio man-db dpkg-dev)

pkgs=("${build_pkgs[@]}")
$want_test && pkgs+=("${test_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "setup: need root or sudo to install ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages" >&2
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi

if $want_test && ! command -v tauri-driver >/dev/null; then
  echo "setup: installing tauri-driver" >&2
  cargo install tauri-driver --version '^2' --locked --quiet
fi

# The Python clients of tests/api/publish-clients.sh, pinned in tests/api/requirements.txt, in a
# venv of their own (made again when the requirements change).
venv=${LULL_TEST_VENV:-$HOME/.cache/lull-tests/venv}
if $want_test && { [ ! -x "$venv/bin/python" ] || [ tests/api/requirements.txt -nt "$venv/.installed" ]; }; then
  echo "setup: installing the Python test clients into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/api/requirements.txt
  touch "$venv/.installed"
fi

# The dependency gates of ./dev test: unused dependencies, and licences, bans and sources.
if $want_test && ! command -v cargo-machete >/dev/null; then
  echo "setup: installing cargo-machete" >&2
  cargo install cargo-machete --version '^0.9' --locked --quiet
fi
if $want_test && ! command -v cargo-deny >/dev/null; then
  echo "setup: installing cargo-deny" >&2
  cargo install cargo-deny --version '^0.20' --locked --quiet
fi
