#!/usr/bin/env bash
# Fuzzes the network-facing parsers with cargo-fuzz (libFuzzer). Stable Rust is enough:
# RUSTC_BOOTSTRAP lets it take the sanitizer flags cargo-fuzz passes.
#   scripts/fuzz.sh                      every target, 60 s each
#   scripts/fuzz.sh ntfy_publish 600     one target, 10 minutes
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --quiet
targets=${1:-"ntfy_publish message_json"}
seconds=${2:-60}
for target in $targets; do
  echo "==> fuzzing $target for ${seconds}s" >&2
  RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" -- -max_total_time="$seconds" -max_len=8192
done
