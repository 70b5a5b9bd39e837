#!/usr/bin/env bash
# Client CPU per operation, counted in instructions instead of seconds: each client's worker
# runs under valgrind's callgrind against the seeded emulator (`peers --serve`), twice per
# workload with a different number of operations, and the difference divided by the
# difference in operations is what one operation costs in the client's process (its user
# space: the kernel's work for the same requests is not counted). Instruction counts do not
# move with the machine's load, so the ratios are comparable from one run to the next.
#
# usage: peers/benches/instructions.sh [workload ...]   (default: get create update list bulk)
# needs: valgrind (`apt-get install valgrind`); CLIENTS="lazy reqwest appwrite" to choose.
set -euo pipefail
cd "$(dirname "$0")/../.."

workloads=("${@:-get}")
[ $# -eq 0 ] && workloads=(get create update list bulk)
clients=(${CLIENTS:-lazy reqwest appwrite})
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind is not installed" >&2; exit 2; }

bin=$(cargo bench -p lazy-appwrite-peers --bench peers --no-run --message-format=json 2>/dev/null \
  | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1)
[ -x "$bin" ] || { echo "instructions.sh: the peers bench did not build" >&2; exit 1; }

work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin" --serve 7200 >"$work/serve" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q -- '--endpoint' "$work/serve" 2>/dev/null && break; sleep 0.2; done
endpoint=$(grep -o -- '--endpoint [^ ]*' "$work/serve" | cut -d' ' -f2)
[ -n "$endpoint" ] || { echo "instructions.sh: the emulator did not start" >&2; exit 1; }

# Operations per run: the two counts whose difference is measured.
ops() {
  case "$1" in
    list) echo "100 300" ;;
    bulk) echo "1000 3000" ;; # rows: 10 and 30 requests of 100
    *) echo "300 900" ;;
  esac
}

# Instructions of one worker run (every thread of the process).
count() { # client workload ops
  local out="$work/cg.$1.$2.$3"
  valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" --worker "$1" --workload "$2" \
    --ops "$3" --warmup 50 --concurrency 1 --endpoint "$endpoint" --project bench \
    --key bench-key --database bench --tag "i$RANDOM$RANDOM" >/dev/null 2>&1
  sed -n 's/^summary: //p' "$out"
}

printf '%-8s %-9s %14s %10s\n' workload client "instr/op" "÷ reqwest"
for w in "${workloads[@]}"; do
  read -r small large < <(ops "$w")
  floor=""
  for c in reqwest "${clients[@]}"; do
    [ "$c" = reqwest ] && [ -n "$floor" ] && continue
    a=$(count "$c" "$w" "$small")
    b=$(count "$c" "$w" "$large")
    per=$(((b - a) / (large - small)))
    [ "$c" = reqwest ] && floor=$per
    printf '%-8s %-9s %14d %10s\n' "$w" "$c" "$per" "$(awk -v a="$per" -v b="$floor" 'BEGIN { printf "×%.3f", a / b }')"
  done
done
