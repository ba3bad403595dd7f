#!/usr/bin/env python3
"""Search benchmark: zhengce against `rg -F` and SQLite FTS5 (trigram), side by side.

    python3 bench/search.py [SIZE_MB ...]        # default: 100 1000

For each size it generates a corpus from the seeds (examples/gen_corpus.rs), then:
- builds the zhengce index (`zhengce index`, which parses, extracts and indexes) and an
  FTS5 trigram table of the same clauses (the clause texts `zhengce parse --json` gives;
  FTS5 is timed on its inserts only, the parse is not counted against it);
- reports build throughput (MB of text per second), the peak resident size of
  `zhengce index` (VmHWM, with the index files it maps, and RssAnon, its own memory)
  and index size relative to the text;
- times whole processes for a fixed set of queries, each run REPEAT times after one
  warm-up run: `zhengce search --index DIR Q` (top 10, ranked, with snippets and a total),
  `rg -F -c Q DIR`, and `sqlite3 DB` with MATCH … ORDER BY rank LIMIT 10 (LIKE for
  queries under 3 chars, which the trigram tokenizer cannot MATCH).
It prints median and 99th percentile latencies in milliseconds, and writes everything to
target/bench-search/results-SIZE.json.

    python3 bench/search.py --rows [SIZE_MB ...]  # default: 1000

times the row commands instead (no FTS5, no rg): `targets` and `agencies` read from the
index (whole processes, REPEAT runs after a warm-up: `targets --indicator 合格率`, every
target, `agencies`, `agencies --total`, a `--query`), and `targets --indicator 合格率`
parsing the files once, as it did before it read the index, with its row count beside the
index's (not with ROWS_FILES=0). Written to target/bench-search/rows-SIZE.json. ROWS=1 runs
the same row commands in the search benchmark, over its index (one build for both).

It needs sqlite3 and rg on PATH (apt-get install sqlite3 ripgrep) and about 6 times the
corpus size in free disk.
"""

import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "target", "bench-search")
TARGET = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
ZHENGCE = os.path.join(TARGET, "release", "zhengce")
GEN = os.path.join(TARGET, "release", "examples", "gen_corpus")
REPEAT = int(os.environ.get("REPEAT", "5"))

QUERIES = [
    "质", "局", "质量", "标准", "监管", "品牌", "质量基础设施", "市场监管局",
    "食品抽检合格率", "首席质量官", "知识产权", "检验检测", "国际先进水平", "认证认可",
    "质量强省", "中小企业", "数字化", "追溯体系", "ISO9001", "5G",
]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def du(path):
    total = 0
    for dirpath, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(dirpath, f))
    return total


def timed(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def percentile(values, p):
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


def latencies(make_cmd):
    samples = []
    for q in QUERIES:
        timed(make_cmd(q))  # warm-up
        samples.extend(timed(make_cmd(q)) for _ in range(REPEAT))
    return {
        "median_ms": round(statistics.median(samples), 2),
        "p99_ms": round(percentile(samples, 99), 2),
        "runs": len(samples),
    }


def fts5_query(db, q):
    escaped = q.replace('"', '""').replace("'", "''")
    if len(q) >= 3:
        sql = f"SELECT rowid FROM clauses WHERE clauses MATCH '\"{escaped}\"' ORDER BY rank LIMIT 10;"
    else:
        sql = f"SELECT rowid FROM clauses WHERE text LIKE '%{escaped}%' LIMIT 10;"
    return ["sqlite3", db, sql]


def build_index(index, docs):
    """Builds the index; returns the wall time in seconds and the peak resident size in MB,
    whole (VmHWM) and of the process's own memory (RssAnon, sampled every 0.2 s): the
    whole counts the index files tantivy maps while it merges segments (page cache the
    kernel may drop), which at 1 GB is most of the difference."""
    start = time.perf_counter()
    proc = subprocess.Popen([ZHENGCE, "index", "-q", "--index", index, docs],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = {"VmHWM": 0, "RssAnon": 0}
    while proc.poll() is None:
        try:
            with open(f"/proc/{proc.pid}/status") as f:
                for line in f:
                    key, _, value = line.partition(":")
                    if key in peak:
                        peak[key] = max(peak[key], int(value.split()[0]))
        except OSError:
            pass
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    stderr = proc.stderr.read()
    if proc.returncode != 0:
        raise SystemExit(f"zhengce index failed ({proc.returncode}): {stderr}")
    return seconds, peak["VmHWM"] // 1024 or None, peak["RssAnon"] // 1024 or None


def bench(size_mb):
    work = os.path.join(WORK, str(size_mb))
    shutil.rmtree(work, ignore_errors=True)
    docs, index, db = (os.path.join(work, x) for x in ("docs", "index", "fts5.db"))
    run([GEN, docs, str(size_mb)], stdout=subprocess.DEVNULL)
    text_bytes = du(docs)
    mb = text_bytes / 1e6
    print(f"== {size_mb} MB requested: {text_bytes} bytes of text in {len(os.listdir(docs))} files")

    zhengce_build, zhengce_rss, zhengce_anon = build_index(index, docs)
    zhengce_size = du(index)

    clauses = []
    parse = subprocess.Popen([ZHENGCE, "parse", "--json", docs], stdout=subprocess.PIPE)
    for line in parse.stdout:
        message = json.loads(line)
        if message["type"] == "document":
            clauses.extend(c["text"] for c in message["data"]["clauses"])
    parse.wait()
    clause_bytes = sum(len(c.encode()) for c in clauses)
    start = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute("CREATE VIRTUAL TABLE clauses USING fts5(text, tokenize='trigram')")
    con.executemany("INSERT INTO clauses(text) VALUES (?)", ((c,) for c in clauses))
    con.commit()
    con.execute("VACUUM")
    con.close()
    fts_build = time.perf_counter() - start
    fts_size = os.path.getsize(db)

    def build_stats(seconds, size):
        return {
            "build_s": round(seconds, 2),
            "build_mb_per_s": round(mb / seconds, 2),
            "index_bytes": size,
            "index_to_text": round(size / text_bytes, 2),
            "index_to_clause_text": round(size / clause_bytes, 2),
        }

    result = {
        "text_bytes": text_bytes,
        "files": len(os.listdir(docs)),
        "clauses": len(clauses),
        "clause_text_bytes": clause_bytes,
        "zhengce": build_stats(zhengce_build, zhengce_size),
        "fts5_trigram": build_stats(fts_build, fts_size),
    }
    result["zhengce"]["build_peak_rss_mb"] = zhengce_rss
    result["zhengce"]["build_peak_anon_mb"] = zhengce_anon
    result["zhengce"]["build_vs_fts5"] = round(fts_build / zhengce_build, 2)
    result["zhengce"]["query"] = latencies(lambda q: [ZHENGCE, "search", "--index", index, "--color", "never", q])
    result["fts5_trigram"]["query"] = latencies(lambda q: fts5_query(db, q))
    result["rg"] = {"query": latencies(lambda q: ["rg", "-F", "-c", q, docs])}
    if os.environ.get("ROWS"):
        result["rows"] = row_commands(index, docs)
    with open(os.path.join(WORK, f"results-{size_mb}.json"), "w") as f:
        json.dump(result, f, indent=2)
    print(json.dumps(result, indent=2))
    shutil.rmtree(docs)
    os.remove(db)


ROW_COMMANDS = {
    "targets --indicator 合格率": ["targets", "--indicator", "合格率"],
    "targets": ["targets"],
    "agencies": ["agencies"],
    "agencies --total": ["agencies", "--total"],
    "targets --query 质量 --indicator 合格率": ["targets", "--query", "质量", "--indicator", "合格率"],
    "agencies --clauses --query 标准": ["agencies", "--clauses", "--query", "标准"],
}


FILES_TOO = ("targets --indicator 合格率",)


def rows_bench(size_mb):
    work = os.path.join(WORK, f"rows-{size_mb}")
    shutil.rmtree(work, ignore_errors=True)
    docs, index = (os.path.join(work, x) for x in ("docs", "index"))
    run([GEN, docs, str(size_mb)], stdout=subprocess.DEVNULL)
    text_bytes = du(docs)
    print(f"== rows, {size_mb} MB requested: {text_bytes} bytes of text in {len(os.listdir(docs))} files")
    build, rss, anon = build_index(index, docs)
    result = {"text_bytes": text_bytes, "files": len(os.listdir(docs)),
              "index_build_s": round(build, 2), "index_build_peak_rss_mb": rss,
              "index_build_peak_anon_mb": anon,
              "index_bytes": du(index), "commands": row_commands(index, docs)}
    with open(os.path.join(WORK, f"rows-{size_mb}.json"), "w") as f:
        json.dump(result, f, indent=2)
    print(json.dumps(result, indent=2))
    shutil.rmtree(docs)


def count_rows(json_lines):
    return sum(1 for line in json_lines.splitlines()
               if not line.startswith((b'{"type":"begin"', b'{"type":"end"')))


def row_commands(index, docs):
    """Times the row commands over the index; the first also once over the files, with
    its row count, which must be the same."""
    commands = {}
    for name, args in ROW_COMMANDS.items():
        cmd = [ZHENGCE, *args, "--json", "--index", index]
        out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
        rows = count_rows(out)
        timed(cmd)  # warm-up
        samples = [timed(cmd) for _ in range(REPEAT)]
        commands[name] = {
            "rows": rows,
            "index_median_ms": round(statistics.median(samples), 2),
            "index_max_ms": round(max(samples), 2),
        }
        # Parsing every file takes minutes a GB: timed once, for one command.
        if name in FILES_TOO and os.environ.get("ROWS_FILES", "1") != "0":
            cmd = [ZHENGCE, *args, "--json", docs]
            start = time.perf_counter()
            out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
            commands[name]["files_ms"] = round((time.perf_counter() - start) * 1000, 2)
            commands[name]["files_rows"] = count_rows(out)
        print(name, commands[name], flush=True)
    return commands


def main():
    args = sys.argv[1:]
    if args[:1] == ["--rows"]:
        run(["cargo", "build", "--release", "--bin", "zhengce", "--example", "gen_corpus"], cwd=ROOT)
        os.makedirs(WORK, exist_ok=True)
        for size in [int(s) for s in args[1:]] or [1000]:
            rows_bench(size)
        return
    sizes = [int(s) for s in args] or [100, 1000]
    for tool in ("sqlite3", "rg"):
        if shutil.which(tool) is None:
            sys.exit(f"bench: {tool} is not on PATH (apt-get install sqlite3 ripgrep)")
    run(["cargo", "build", "--release", "--bin", "zhengce", "--example", "gen_corpus"], cwd=ROOT)
    os.makedirs(WORK, exist_ok=True)
    for size in sizes:
        bench(size)


if __name__ == "__main__":
    main()
