#!/usr/bin/env bash
# Runs each fuzz target for a while on its seeds: fuzz/run.sh [SECONDS] [TARGET…]
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). New inputs go
# to fuzz/corpus/TARGET (not committed), crashes to fuzz/artifacts/TARGET.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse quantities query diff search)
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  echo "== $t: ${seconds}s"
  cargo +nightly fuzz run --release "$t" "corpus/$t" "seeds/$t" -- \
    -max_len=262144 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1 2>&1 | tee "corpus/$t.log" | grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec|==[0-9]+== ERROR|SUMMARY|.*deadly signal|.*Test unit written)" || true
done
