#!/usr/bin/env bash
# Loads every --csv output of zhengce into DuckDB and prints the column types it infers,
# failing if a numeric column is not numeric. Not part of .ci/run (needs pip's duckdb):
#   pip install duckdb && scripts/csv-duckdb.sh [path/to/zhengce]
set -euo pipefail
zhengce=${1:-target/debug/zhengce}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$zhengce" targets --csv > "$dir/targets.csv"
"$zhengce" agencies --csv > "$dir/agencies.csv"
"$zhengce" agencies --csv --clauses > "$dir/agency_clauses.csv"
python3 - "$dir" <<'PY'
import sys, duckdb
d = sys.argv[1]
want = {
    "targets": {"document_year": "BIGINT", "target_value": "DOUBLE", "target_year": "BIGINT",
                "binding": "BOOLEAN", "target_year_implied": "BOOLEAN"},
    "agencies": {"document_year": "BIGINT", "clauses": "BIGINT", "lead": "BIGINT", "generic": "BOOLEAN"},
    "agency_clauses": {"document_year": "BIGINT", "generic": "BOOLEAN"},
}
bad = []
# Clause ids (4.11) look like decimals but are paths: read them as text, or 4.1 and 4.10
# become one number.
for table, columns in want.items():
    header = open(f"{d}/{table}.csv", encoding="utf-8").readline()
    types = "types={'clause_id': 'VARCHAR'}" if "clause_id" in header else "auto_detect=true"
    rel = duckdb.sql(f"select * from read_csv('{d}/{table}.csv', {types})")
    types = dict(zip(rel.columns, map(str, rel.types)))
    rows = len(rel.fetchall())
    print(f"{table}: {rows} rows; " + ", ".join(f"{c} {t}" for c, t in types.items()))
    for c, t in columns.items():
        if types.get(c) != t and not (t == "DOUBLE" and types.get(c) in ("BIGINT", "DECIMAL")):
            bad.append(f"{table}.{c} is {types.get(c)}, want {t}")
if bad:
    sys.exit("\n".join(bad))
print("all CSV columns typed as expected")
PY
