#!/usr/bin/env python3
"""Lineage benchmark: precision, recall and speed of `zhengce similar` and `zhengce lineage`
on a generated corpus with planted copies.

    python3 bench/lineage.py [SIZE_MB ...]        # default: 100 1000

For each size it generates a corpus (examples/gen_lineage.rs: real clauses of the bundled
State Council documents planted as originals in `2019-province-N` documents, one to five
edited copies of each in `2021-city-N` documents, and unrelated clauses made of the
corpus's words filling the rest; `truth.tsv` lists every copy), then:
- builds the index (`zhengce index`), timed;
- `similar`: for SAMPLE families (default 200), `zhengce similar PROVINCE LABELS --json
  --limit 50`, a whole process each, timed; a clause found is right when it is a planted
  copy of that original; recall is over the planted copies of those originals;
- `lineage DOC`: for 20 province documents (16 clauses), `zhengce lineage DOC --json`,
  timed; a linked document is right when it holds a copy of one of the province's
  originals; and for 10 of the other documents (20 to 60 clauses), timed;
- `lineage --edges`: one run over the whole index, timed; an edge into a city is right
  when the source holds the original of one of the city's copies (or is a city holding a
  copy of the same original); recall is over the (province, city) pairs planted.
Latencies are medians and 99th percentiles in milliseconds; the memory of `--edges` is
its peak resident size (/usr/bin/time). Everything is written to
target/bench-lineage/results-SIZE.json.

`similar` and `lineage DOC` are also scored at each threshold of SWEEP (the results'
`by_threshold`), with the lowest similarities of planted copies and the highest of
clauses found that were not planted, to show where the default threshold should sit.
PARTS=similar,lineage runs only those of the three parts (default: similar,lineage,edges;
`--edges` takes minutes at 1 GB).

REUSE=index keeps the index built before too (its build is then not timed), to run
one part again. REUSE=1 keeps a corpus generated before (the generator's output does not
depend on how it was built). It needs the release binary and generator:
`cargo build --release --bin zhengce --example gen_lineage`, and about 3 times the corpus
size in free disk.
"""

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
WORK = os.path.join(TARGET, "bench-lineage")
ZHENGCE = os.path.join(TARGET, "release", "zhengce")
GEN = os.path.join(TARGET, "release", "examples", "gen_lineage")
SAMPLE = int(os.environ.get("SAMPLE", "200"))
# Thresholds at which precision and recall are also reported, to see where the default
# should sit: `similar` runs once at the lowest and is re-read at each; `lineage DOC` runs
# at each.
SWEEP = [0.14, 0.16, 0.18, 0.20, 0.22, 0.25, 0.30]
PARTS = os.environ.get("PARTS", "similar,lineage,edges").split(",")


def fold(labels):
    return "".join(labels).replace("(", "（").replace(")", "）")


def percentile(values, p):
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


def latency(samples):
    return {
        "median_ms": round(statistics.median(samples), 1),
        "p99_ms": round(percentile(samples, 99), 1),
        "max_ms": round(max(samples), 1),
        "runs": len(samples),
    }


def run_json(cmd):
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True)
    ms = (time.perf_counter() - start) * 1000
    if out.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)}: {out.stderr}")
    messages = [json.loads(line) for line in out.stdout.splitlines()]
    return ms, messages, out.stderr


def bench(size):
    work = os.path.join(WORK, str(size))
    docs = os.path.join(work, "docs")
    if not (os.environ.get("REUSE") and os.path.exists(os.path.join(work, "truth.tsv"))):
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        subprocess.run([GEN, work, str(size)], check=True)
    corpus_bytes = sum(os.path.getsize(os.path.join(docs, f)) for f in os.listdir(docs))
    truth = []
    with open(os.path.join(work, "truth.tsv")) as f:
        next(f)
        for line in f:
            family, province, original, city, copy, edits = line.rstrip("\n").split("\t")
            truth.append((int(family), province, original, city, copy, edits))
    index = os.path.join(work, "index")
    if os.environ.get("REUSE") == "index" and os.path.exists(index):
        build_s = None
    else:
        shutil.rmtree(index, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run([ZHENGCE, "index", "--index", index, docs], check=True,
                       stdout=subprocess.DEVNULL)
        build_s = round(time.perf_counter() - start, 1)

    families = {}
    for family, province, original, city, copy, edits in truth:
        families.setdefault(family, ((province, original), []))[1].append((city, copy, edits))
    rng = random.Random(size)
    sample = rng.sample(sorted(families), min(SAMPLE, len(families)))
    similar = similar_part(size, index, families, sample) if "similar" in PARTS else None
    lineage = lineage_part(size, index, docs, truth, rng) if "lineage" in PARTS else None
    edge = edges_part(size, index, truth) if "edges" in PARTS else None
    return finish(size, docs, corpus_bytes, families, truth, build_s, similar, lineage, edge)


def similar_part(size, index, families, sample):
    times, found_total, right, expected, recalled = [], 0, 0, 0, 0
    missed = []
    # (similarity, planted?) of every clause found at the lowest threshold of SWEEP.
    scored = []
    wrong = []
    for family in sample:
        (province, original), copies = families[family]
        ms, messages, _ = run_json([ZHENGCE, "similar", province, original, "--json",
                                    "--limit", "50", "--index", index])
        times.append(ms)
        found = {(m["data"]["document"]["name"], fold(m["data"]["clause"]["labels"]))
                 for m in messages if m["type"] == "similar"}
        planted = {(city, copy) for city, copy, _ in copies}
        found_total += len(found)
        right += len(found & planted)
        expected += len(planted)
        recalled += len(found & planted)
        missed += [(province, original, c, e) for c, cp, e in copies if (c, cp) not in found]
        _, low, _ = run_json([ZHENGCE, "similar", province, original, "--json", "--limit",
                              "50", "--threshold", str(min(SWEEP)), "--index", index])
        for m in low:
            if m["type"] != "similar":
                continue
            key = (m["data"]["document"]["name"], fold(m["data"]["clause"]["labels"]))
            scored.append((m["data"]["similarity"], key in planted))
            if key not in planted:
                wrong.append((m["data"]["similarity"], province, original, *key))
    sweep = {}
    for t in SWEEP:
        kept = [ok for sim, ok in scored if sim >= t]
        sweep[str(t)] = {"precision": round(sum(kept) / max(len(kept), 1), 4),
                         "recall": round(sum(kept) / max(expected, 1), 4)}
    similar = {
        "latency": latency(times),
        "precision": round(right / max(found_total, 1), 4),
        "recall": round(recalled / max(expected, 1), 4),
        "found": found_total,
        "planted": expected,
        "missed_edits": sorted({e for *_, e in missed}),
        "by_threshold": sweep,
        "planted_similarity_lowest": sorted(sim for sim, ok in scored if ok)[:10],
        "not_planted": sorted(wrong, reverse=True)[:30],
    }
    print(f"{size} MB similar: {similar}", flush=True)
    return similar


def lineage_part(size, index, docs, truth, rng):
    sources = {}
    for family, province, original, city, copy, edits in truth:
        sources.setdefault(province, set()).add(city)
    provinces = rng.sample(sorted(sources), min(20, len(sources)))
    times, linked, linked_right, doc_expected, doc_recalled = [], 0, 0, 0, 0
    for province in provinces:
        ms, messages, _ = run_json([ZHENGCE, "lineage", province, "--json", "--index", index])
        times.append(ms)
        names = {m["data"]["document"]["name"] for m in messages if m["type"] == "link"}
        linked += len(names)
        linked_right += len(names & sources[province])
        doc_expected += len(sources[province])
        doc_recalled += len(names & sources[province])
    # Longer documents (20 to 60 clauses), with nothing to find: the lookups cost the same.
    others = rng.sample([f[:-4] for f in os.listdir(docs) if "-other-" in f], 10)
    other_times = []
    for name in others:
        ms, _, _ = run_json([ZHENGCE, "lineage", name, "--json", "--index", index])
        other_times.append(ms)
    doc_sweep = {}
    for t in SWEEP:
        kept, kept_right = 0, 0
        for province in provinces:
            _, messages, _ = run_json([ZHENGCE, "lineage", province, "--json", "--threshold",
                                       str(t), "--index", index])
            names = {m["data"]["document"]["name"] for m in messages if m["type"] == "link"}
            kept += len(names)
            kept_right += len(names & sources[province])
        doc_sweep[str(t)] = {"precision": round(kept_right / max(kept, 1), 4),
                             "recall": round(kept_right / max(doc_expected, 1), 4)}
    lineage = {
        "by_threshold": doc_sweep,
        "latency_other_documents": latency(other_times),
        "latency": latency(times),
        "precision": round(linked_right / max(linked, 1), 4),
        "recall": round(doc_recalled / max(doc_expected, 1), 4),
    }
    print(f"{size} MB lineage DOC: {lineage}", flush=True)
    return lineage


def edges_part(size, index, truth):
    ms, messages, stderr = run_json(["/usr/bin/time", "-f", "maxrss_kb=%M", ZHENGCE, "lineage",
                                     "--edges", "--json", "--index", index])
    rss = [line for line in stderr.splitlines() if line.startswith("maxrss_kb=")]
    stderr = "\n".join(line for line in stderr.splitlines() if not line.startswith("maxrss_kb="))
    edges = [m["data"] for m in messages if m["type"] == "edge"]
    planted_pairs = {(p, c) for _, p, _, c, _, _ in truth}
    city_families = {}
    for family, _, _, city, _, _ in truth:
        city_families.setdefault(city, set()).add(family)
    into_city = [e for e in edges if "-city-" in e["target"]]
    ok = 0
    for e in into_city:
        s, t = e["source"], e["target"]
        sibling = bool(city_families.get(s, set()) & city_families.get(t, set()))
        if (s, t) in planted_pairs or sibling:
            ok += 1
    got = {(e["source"], e["target"]) for e in edges}
    edge = {
        "seconds": round(ms / 1000, 1),
        "edges": len(edges),
        "precision": round(ok / max(len(into_city), 1), 4),
        "recall": round(len(planted_pairs & got) / len(planted_pairs), 4),
        "stats": stderr.strip(),
        "max_rss_mb": int(rss[0].split("=")[1]) // 1024 if rss else None,
    }
    print(f"{size} MB edges: {edge}", flush=True)
    return edge


def finish(size, docs, corpus_bytes, families, truth, build_s, similar, lineage, edge):
    result = {
        "size_mb": size,
        "corpus_bytes": corpus_bytes,
        "documents": len(os.listdir(docs)),
        "families": len(families),
        "copies": len(truth),
        "build_seconds": build_s,
        "similar": similar,
        "lineage": lineage,
        "edges": edge,
    }
    with open(os.path.join(WORK, f"results-{size}.json"), "w") as f:
        json.dump(result, f, indent=2, ensure_ascii=False)
    if not os.environ.get("KEEP"):
        shutil.rmtree(docs)
    return result


def main():
    sizes = [int(s) for s in sys.argv[1:]] or [100, 1000]
    for tool in (ZHENGCE,) if os.environ.get("REUSE") else (ZHENGCE, GEN):
        if not os.path.exists(tool):
            raise SystemExit(f"{tool} missing: cargo build --release --bin zhengce --example gen_lineage")
    for size in sizes:
        print(json.dumps(bench(size), indent=2, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
