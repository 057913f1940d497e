#!/usr/bin/env bash
# Checks the packages that scripts/package.sh built. The .deb: its dependencies resolve on this
# Debian (apt's solver, simulated) and cover every library its binaries link (dpkg-shlibdeps),
# lintian finds no error and no warning that docs/packaging.md does not explain, it holds the app,
# the CLI, the desktop entry, the icons, the AppStream metainfo, the manual pages, the completions
# and the systemd user unit, each checked by the tool that reads it; once unpacked into a scratch
# root the CLI answers and the app starts (in the tray, on a private bus and display) and serves
# its API, which the packaged CLI then talks to. The .rpm: the same files, its requirements, and
# its CLI runs.
#   tests/package/check.sh path/to/Lull_*.deb path/to/Lull-*.rpm
set -euo pipefail
usage="usage: tests/package/check.sh path/to/package.deb path/to/package.rpm"
deb=$(readlink -f "${1:?$usage}")
rpm=$(readlink -f "${2:?$usage}")
repo=$(cd "$(dirname "$0")/../.." && pwd)
fail() { echo "package test: $*" >&2; exit 1; }

if [ -z "${LULL_PKG_INSIDE:-}" ]; then
  export LULL_PKG_INSIDE=1
  exec dbus-run-session -- "$0" "$deb" "$rpm"
fi

echo "package test: $(basename "$deb"), $(du -h "$deb" | cut -f1); $(basename "$rpm"), $(du -h "$rpm" | cut -f1)"
version=$(node -p 'require(process.argv[1]).version' "$repo/tauri.conf.json")
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "the .deb's version is not $version"
depends=$(dpkg-deb -f "$deb" Depends)
for dep in libwebkit2gtk-4.1-0 libgtk-3-0 libayatana-appindicator3-1 libc6; do
  grep -q "$dep" <<<"$depends" || fail "Depends lacks $dep: $depends"
done
grep -q '<' <<<"$(dpkg-deb -f "$deb" Maintainer)" || fail "the Maintainer has no address"
# apt resolves every dependency from this system's archive (no change is made: -s).
apt-get install -s -qq "$deb" >/dev/null || fail "apt cannot install $deb with its dependencies"

contents=$(dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {print $6}' | sed 's|^\./||')
for path in usr/bin/lull-desktop usr/bin/lull usr/share/applications/Lull.desktop \
  usr/lib/systemd/user/lull.service usr/share/icons/hicolor/128x128/apps/lull-desktop.png \
  usr/share/bash-completion/completions/lull usr/share/zsh/vendor-completions/_lull \
  usr/share/fish/vendor_completions.d/lull.fish usr/share/metainfo/app.lull.desktop.metainfo.xml \
  usr/share/man/man1/lull.1.gz usr/share/man/man1/lull-desktop.1.gz usr/share/man/man1/lull-snooze.1.gz \
  usr/share/doc/lull/copyright usr/share/doc/lull/changelog.gz; do
  grep -qx "$path" <<<"$contents" || fail "the package has no /$path"
done

root=$(mktemp -d)
data=$(mktemp -d)
rpm_root=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$root" "$data" "$rpm_root"
}
trap cleanup EXIT
dpkg-deb -x "$deb" "$root"

# Every library the binaries link, as Debian's own tool names it, is a dependency with at least
# the version it asks (tauri.conf.json lists them; a new crate or symbol shows up here first).
mkdir -p "$data/shlibs/debian"
printf 'Source: lull\n\nPackage: lull\nArchitecture: any\n' >"$data/shlibs/debian/control"
needed=$(cd "$data/shlibs" && dpkg-shlibdeps -O "$root/usr/bin/lull" "$root/usr/bin/lull-desktop" 2>"$data/shlibs.err") ||
  fail "dpkg-shlibdeps failed: $(cat "$data/shlibs.err")"
needed=${needed#shlibs:Depends=}
[ -n "$needed" ] || fail "dpkg-shlibdeps found no library at all in the binaries"
IFS=, read -ra needs <<<"$needed"
for need in "${needs[@]}"; do
  need=${need# }
  grep -qF "$need" <<<"$depends" || fail "the binaries need $need, which Depends lacks: $depends"
done

# lintian: no error, and each warning is one docs/packaging.md explains.
# Its status is 1 when it reports an error (checked below from its tags), 2 when it could not run:
# then the package was not checked at all, which must not read as "no tags".
lintian_status=0
tags=$(lintian --tag-display-limit 0 "$deb" 2>"$data/lintian.err") || lintian_status=$?
[ "$lintian_status" -le 1 ] || fail "lintian did not run (status $lintian_status): $(cat "$data/lintian.err")"
if [ -z "$tags" ]; then echo "package test: lintian: no tags"; else
  while read -r line; do echo "package test: lintian: $line"; done <<<"$tags"
fi
grep -q '^E: ' <<<"$tags" && fail "lintian reports errors"
while read -r tag; do
  grep -qF "\`$tag\`" "$repo/docs/packaging.md" || fail "lintian warns $tag, which docs/packaging.md does not explain"
done < <(sed -n 's/^W: [^ ]* \([^ ]*\).*/\1/p' <<<"$tags" | sort -u)

# The AppStream metainfo validates, names this version and the docs' screenshots.
metainfo="$root/usr/share/metainfo/app.lull.desktop.metainfo.xml"
appstreamcli validate --no-net --pedantic "$metainfo" >/dev/null || {
  appstreamcli validate --no-net --pedantic "$metainfo" >&2; fail "the metainfo does not validate"
}
grep -q "<release version=\"$version\"" "$metainfo" || fail "the metainfo has no release $version"
for binary in lull lull-desktop; do
  grep -q "<binary>$binary</binary>" "$metainfo" || fail "the metainfo does not provide $binary"
done
shots=$(sed -n 's|.*<image[^>]*>https://[^<]*/\([^/<]*\.png\)</image>.*|\1|p' "$metainfo")
[ -n "$shots" ] || fail "the metainfo has no screenshot"
while read -r shot; do
  [ -e "$repo/docs/screenshots/$shot" ] || fail "the metainfo shows $shot, which docs/screenshots/ lacks"
done <<<"$shots"

# Each manual page renders without a warning, one per visible subcommand.
pages=0
for page in "$root"/usr/share/man/man1/*.1.gz; do
  warnings=$(MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null) || fail "man cannot read $page"
  [ -z "$warnings" ] || fail "$(basename "$page"): $warnings"
  pages=$((pages + 1))
done
[ "$pages" -gt 20 ] || fail "only $pages manual pages"
MANWIDTH=80 man -l "$root/usr/share/man/man1/lull-snooze.1.gz" | grep -q -- '--until' ||
  fail "lull-snooze(1) does not describe --until"
echo "package test: $pages manual pages render"
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

said=$("$root/usr/bin/lull" --version) || fail "lull --version failed"
echo "package test: $said"
"$root/usr/bin/lull-desktop" --version >/dev/null || fail "lull-desktop --version failed"

# The RPM: the same files as the .deb (Debian's copyright file and changelog are the licence
# file where RPM distributions keep it), requirements by library soname, and a CLI that runs.
# The bundler's RPM writer (rpm-rs) records no payload size, so rpm2cpio 4.18 exits 1 after
# writing the whole archive; the digests are what say the payload is whole.
rpm -K --nosignature "$rpm" >/dev/null || fail "the .rpm's digests do not match"
(cd "$rpm_root" && { rpm2cpio "$rpm" || true; } | cpio -idm --quiet)
rpm_files=$(rpm -qlp "$rpm" 2>/dev/null | sed 's|^/||' | while read -r path; do
  [ -d "$rpm_root/$path" ] || echo "$path"; done | sort)
payload=$(cd "$rpm_root" && find . ! -type d | sed 's|^\./||' | sort)
[ "$rpm_files" = "$payload" ] || fail "rpm -qlp does not list what the payload holds"
deb_files=$(sed -e 's|^usr/share/doc/lull/copyright$|usr/share/licenses/lull/LICENSE|' \
  -e '/^usr\/share\/doc\/lull\/changelog.gz$/d' <<<"$contents" | sort)
diff <(echo "$deb_files") <(echo "$rpm_files") >&2 || fail "the .rpm and the .deb hold different files"
requires=$(rpm -qpR "$rpm" 2>/dev/null)
for need in 'libwebkit2gtk-4.1.so.0()(64bit)' 'libgtk-3.so.0()(64bit)' 'libayatana-appindicator3.so.1()(64bit)'; do
  grep -qxF "$need" <<<"$requires" || fail "the .rpm does not require $need: $requires"
done
[ "$("$rpm_root/usr/bin/lull" --version)" = "$said" ] || fail "the .rpm's lull is not the .deb's"
echo "package test: the .rpm holds the .deb's $(grep -c . <<<"$rpm_files") files: ok"

# Xvfb picks a free display and writes its number when it is ready (a display chosen here could
# still have the socket of an Xvfb killed earlier).
Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp 3>"$rpm_root/display" >/dev/null 2>&1 & pids+=($!)
for _ in $(seq 100); do grep -q . "$rpm_root/display" && break; sleep 0.1; done
display_number=$(cat "$rpm_root/display")
[ -n "$display_number" ] || fail "Xvfb did not start"
export DISPLAY=:$display_number NO_AT_BRIDGE=1 GDK_BACKEND=x11
dbus-update-activation-environment DISPLAY NO_AT_BRIDGE
"$root/usr/bin/lull-desktop" --data-dir "$data" --port 0 --background \
  >"$data/app.log" 2>&1 & pids+=($!)
for _ in $(seq 100); do [ -e "$data/api.json" ] && break; sleep 0.1; done
[ -e "$data/api.json" ] || { cat "$data/app.log" >&2; fail "the installed app did not start its API"; }
status=$("$root/usr/bin/lull" --data-dir "$data" status --json) || fail "the packaged CLI cannot reach the app"
grep -q '"mode"' <<<"$status" || fail "unexpected status: $status"
echo "package test: the unpacked app started and the packaged CLI reached it: ok"
