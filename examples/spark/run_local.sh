#!/usr/bin/env bash
# Runs the Spark job in local mode on the bundled seeds and the 55 State Council pages,
# then checks its tables against `zhengce export --format parquet` of the same files.
# Installs what is missing: a Java runtime (Debian's default-jre-headless) and pyspark.
#
#   examples/spark/run_local.sh [OUT_DIR]
#
# ZHENGCE=/path/to/zhengce uses that binary instead of building one with cargo.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$(mktemp -d)}
mkdir -p "$out"

if ! command -v java > /dev/null; then
  echo "installing a Java runtime (default-jre-headless)…"
  apt-get update -qq && apt-get install -y -qq default-jre-headless > /dev/null
fi
java -version 2>&1 | head -1
if ! python3 -c 'import pyspark' 2> /dev/null; then
  echo "installing pyspark…"
  python3 -m pip install --quiet pyspark
fi
python3 -c 'import pyspark; print("pyspark", pyspark.__version__)'

if [ -z "${ZHENGCE:-}" ]; then
  (cd "$repo" && cargo build --quiet --bin zhengce)
  ZHENGCE="${CARGO_TARGET_DIR:-$repo/target}/debug/zhengce"
fi

inputs="$repo/corpus,$repo/fixtures/govcn"
# --files ships the binary to every executor, as on a cluster.
spark-submit --master "local[2]" --conf spark.log.level=WARN --files "$ZHENGCE" \
  "$repo/examples/spark/zhengce_spark.py" "$inputs" "$out/spark" --partitions 4

"$ZHENGCE" export --format parquet --out "$out/native" "$repo/corpus" "$repo/fixtures/govcn"
spark-submit --master "local[2]" --conf spark.log.level=WARN "$repo/examples/spark/compare.py" "$out/spark" "$out/native"
echo "tables in $out"
