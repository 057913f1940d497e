#!/usr/bin/env bash
# Builds Lull's Debian package with the Tauri bundler: the desktop app, the `lull` CLI, the
# desktop entry and icons, shell completions for bash, zsh and fish, and a systemd user unit for
# `lull serve`. Prints the package's path.
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
ui/node_modules/.bin/tauri build --bundles deb >&2
# The newest .deb: a version bump leaves the older ones beside it.
newest=
for deb in "$target_dir"/release/bundle/deb/*.deb; do
  if [ -z "$newest" ] || [ "$deb" -nt "$newest" ]; then newest=$deb; fi
done
[ -e "$newest" ] || { echo "package: no .deb in $target_dir/release/bundle/deb" >&2; exit 1; }
echo "$newest"
