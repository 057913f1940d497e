#!/usr/bin/env bash
# The remote sources' costs against a real Dovecot (crates/sources/benches/sources.rs), each mode in
# its own process: IMAP catch-up of N mails by Lull beside a plain IMAP session reading and parsing
# the same mails (the floor), then wake-ups per minute of Lull's threads idle: the engine alone,
# with a mail folder in IDLE, with an ntfy stream open.
#   scripts/bench-sources.sh [mails, default 10000] [idle seconds, default 60] [runs, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
mails=${1:-10000}
idle=${2:-60}
runs=${3:-3}
cargo bench -p lull-sources --bench sources --no-run >&2
for run in $(seq "$runs"); do
  echo "# run $run" >&2
  for mode in catch-up fetch; do
    cargo bench -q -p lull-sources --bench sources -- "$mode" "$mails" 2>/dev/null
  done
done
for mode in idle-engine idle-imap idle-ntfy; do
  cargo bench -q -p lull-sources --bench sources -- "$mode" "$idle" 2>/dev/null
done
