#!/usr/bin/env bash
# The fault run: the disk under the data directory fills up in the middle of a focus block (a
# small tmpfs, filled with a file), so the block's end cannot be written. Prints what the user sees
# (`lull status`, a message sent meanwhile), the CPU time `lull serve` used over the 60 s after the
# block's deadline, and what happens once there is space again. Needs root (mount); debug build.
# (A read-only remount cannot be had under a running writer: the kernel answers "busy". The
# read-only path is the same code with another error code, tested in the core's engine tests.)
#   scripts/fault-run.sh [seconds to watch, default 60]
set -euo pipefail
cd "$(dirname "$0")/.."
watch_secs=${1:-60}
[ "$(id -u)" = 0 ] || { echo "fault-run: needs root (it bind-mounts the data directory read-only)" >&2; exit 1; }
target_dir=${CARGO_TARGET_DIR:-$PWD/target}
cargo build -q -p lull-cli --bin lull
lull=$target_dir/debug/lull

root=$(mktemp -d)
dir=$root/data
mkdir -p "$dir"
mount -t tmpfs -o size=4m lull-fault "$dir"
cleanup() {
  if [ -n "${pid:-}" ]; then kill "$pid" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  mountpoint -q "$dir" && umount "$dir"
  rm -rf "$root"
}
trap cleanup EXIT

"$lull" serve --data-dir "$dir" --port 0 2>"$root/serve.log" &
pid=$!
for _ in $(seq 100); do [ -e "$dir/api.json" ] && break; sleep 0.1; done
# Open all day every day, so the block's end releases what it held whatever the hour.
"$lull" --data-dir "$dir" settings >"$root/settings.json" 2>/dev/null || true
python3 - "$root/settings.json" <<'PY' || true
import json, sys
p = sys.argv[1]
try:
    s = json.load(open(p))
except Exception:
    sys.exit(0)
s["work_hours"]["days"] = {d: [{"start": "00:00", "end": "24:00"}] for d in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]}
json.dump(s, open(p, "w"))
PY
"$lull" --data-dir "$dir" settings import "$root/settings.json" >/dev/null 2>&1 || "$lull" --data-dir "$dir" late 23:59 >/dev/null

"$lull" --data-dir "$dir" focus 1m "fault run" >/dev/null
for i in $(seq 5); do "$lull" --data-dir "$dir" send --title "held $i" "before the fault" >/dev/null; done
echo "== block started, 5 messages held; the disk fills up"
dd if=/dev/zero of="$dir/fill" bs=64k 2>/dev/null || true
# SQLite may still have room in pages it owns: take that too, one message at a time.
for i in $(seq 2000); do
  "$lull" --data-dir "$dir" send "filling $i" >/dev/null 2>&1 || break
done
df -h "$dir" | tail -1
deadline=$(( $(date +%s) + 62 ))
while [ "$(date +%s)" -lt "$deadline" ]; do sleep 1; done

ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
before=$(ticks)
sleep "$watch_secs"
after=$(ticks)
echo "== CPU over the ${watch_secs} s after the block's deadline: $(( (after - before) * 1000 / hz )) ms" \
  "($(awk -v t=$(( after - before )) -v hz="$hz" -v s="$watch_secs" 'BEGIN {printf "%.2f", 100 * t / hz / s}') %)"
echo "== lull status, while the disk is full:"
"$lull" --data-dir "$dir" status || true
echo "== a message sent while the disk is full:"
"$lull" --data-dir "$dir" send "during the fault" || echo "(exit $?)"

rm -f "$dir/fill"
echo "== space again; waiting for the retry"
for _ in $(seq 120); do
  "$lull" --data-dir "$dir" status --json | grep -q '"fault":null' && break
  sleep 1
done
"$lull" --data-dir "$dir" status
echo "== lull serve said:"
cat "$root/serve.log"
