#!/usr/bin/env bash
# Builds Lull's Debian and RPM packages with the Tauri bundler: the desktop app, the `lull` CLI,
# the desktop entry and icons, the AppStream metainfo, manual pages, shell completions for bash,
# zsh and fish, and a systemd user unit for `lull serve`. Prints the two packages' paths, the
# .deb first.
#   scripts/package.sh
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir=${CARGO_TARGET_DIR:-$PWD/target}

scripts/setup.sh >&2
cargo build --release --locked -p lull-cli --bin lull >&2
# tauri.conf.json names a fixed path for the CLI: the target directory may be anywhere.
mkdir -p packaging/stage
install -m755 "$target_dir/release/lull" packaging/stage/lull
# Shell completions, written by the CLI itself from its clap definitions.
mkdir -p packaging/stage/completions
packaging/stage/lull completions bash >packaging/stage/completions/lull.bash
packaging/stage/lull completions zsh >packaging/stage/completions/_lull
packaging/stage/lull completions fish >packaging/stage/completions/lull.fish
# Debian's changelog, compressed as policy wants (the bundler's own would go under doc/Lull/).
gzip -9nc packaging/linux/changelog >packaging/stage/changelog.gz
# Manual pages, written by each binary from its clap definitions: the CLI's now, the desktop
# app's once the bundler has built it (before it bundles), then all compressed as Debian wants.
rm -rf packaging/stage/man && mkdir -p packaging/stage/man
packaging/stage/lull manpages packaging/stage/man
stage_desktop_page="'$target_dir/release/lull-desktop' --man-page >packaging/stage/man/lull-desktop.1 \
  && gzip -9nf packaging/stage/man/*.1"
config=$(node -e 'const [script, cwd] = process.argv.slice(1);
  process.stdout.write(JSON.stringify({ build: { beforeBundleCommand: { script, cwd } } }))' \
  "$stage_desktop_page" "$PWD")
ui/node_modules/.bin/tauri build --bundles deb,rpm --config "$config" >&2
# The newest of each: a version bump leaves the older ones beside them.
for kind in deb rpm; do
  newest=
  for package in "$target_dir/release/bundle/$kind"/*."$kind"; do
    if [ -z "$newest" ] || [ "$package" -nt "$newest" ]; then newest=$package; fi
  done
  [ -e "$newest" ] || { echo "package: no .$kind in $target_dir/release/bundle/$kind" >&2; exit 1; }
  echo "$newest"
done
