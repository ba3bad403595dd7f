//! `zhengce export` as a user runs it: the bundled corpus and the 55 State Council pages
//! to Parquet read back with DuckDB (row counts equal to `parse --json`'s, numeric columns
//! numeric, keys that join), JSON Lines files and stream, the Elasticsearch bulk files
//! checked against their template, an index exported like its files, and bad input.

use crate::common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use serde_json::Value;

/// The folders exported in these tests: the bundled seeds and 55 State Council pages.
fn inputs() -> Vec<PathBuf> {
    vec![corpus_dir(), fixtures_dir().join("govcn")]
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Row counts of the four tables as `parse --json` gives them: documents, clauses,
/// agencies, targets.
fn counts_from_json(paths: &[PathBuf]) -> [u64; 4] {
    let mut args = vec!["parse", "--json"];
    args.extend(paths.iter().map(|p| arg(p)));
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs = documents(&out);
    let clauses = docs.iter().flat_map(|d| &d.clauses);
    [
        docs.len() as u64,
        clauses.clone().count() as u64,
        clauses.clone().map(|c| c.agencies.len() as u64).sum(),
        clauses.map(|c| c.targets.len() as u64).sum(),
    ]
}

fn export(format: &str, out: &Path, paths: &[PathBuf]) {
    let mut args = vec!["export", "--format", format, "--out", arg(out)];
    args.extend(paths.iter().map(|p| arg(p)));
    let output = run(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

/// The `duckdb` command line, if there is one on PATH.
fn duckdb() -> Option<PathBuf> {
    let found = Command::new("duckdb").arg("--version").output().ok()?;
    found.status.success().then(|| PathBuf::from("duckdb"))
}

/// Runs SQL in DuckDB in `dir` and returns the rows as JSON objects.
fn query(duckdb: &Path, dir: &Path, sql: &str) -> Vec<serde_json::Map<String, Value>> {
    let out = Command::new(duckdb)
        .args(["-json", "-c", sql])
        .current_dir(dir)
        .output()
        .expect("duckdb runs");
    assert!(
        out.status.success(),
        "{sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    if text.trim().is_empty() {
        return Vec::new();
    }
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn one(duckdb: &Path, dir: &Path, sql: &str) -> Value {
    let rows = query(duckdb, dir, sql);
    assert_eq!(rows.len(), 1, "{sql}");
    rows[0].values().next().unwrap().clone()
}

#[test]
fn parquet_reads_back_in_duckdb_with_the_row_counts_of_the_json() {
    let Some(duckdb) = duckdb() else {
        println!("note: no duckdb on PATH (pip install duckdb-cli): Parquet read-back skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let paths = inputs();
    export("parquet", dir.path(), &paths);
    let expected = counts_from_json(&paths);
    let d = dir.path();
    for (table, want) in ["documents", "clauses", "agencies", "targets"]
        .iter()
        .zip(expected)
    {
        let got = one(
            &duckdb,
            d,
            &format!("select count(*) as n from '{table}.parquet'"),
        );
        assert_eq!(got.as_u64(), Some(want), "{table}");
    }
    assert!(expected.iter().all(|&n| n > 0), "{expected:?}");

    // Numbers are stored as numbers, dates as dates.
    let types = &query(
        &duckdb,
        d,
        "select typeof(value) as value, typeof(max) as max, typeof(year) as year, \
         typeof(binding) as binding, typeof(span_start) as span_start \
         from 'targets.parquet' limit 1",
    )[0];
    assert_eq!(types["value"], "DOUBLE");
    assert_eq!(types["max"], "DOUBLE");
    assert_eq!(types["year"], "INTEGER");
    assert_eq!(types["binding"], "BOOLEAN");
    assert_eq!(types["span_start"], "BIGINT");
    let types = &query(
        &duckdb,
        d,
        "select typeof(date) as date, typeof(year) as year, typeof(clauses) as clauses \
         from 'documents.parquet' limit 1",
    )[0];
    assert_eq!(types["date"], "DATE");
    assert_eq!(types["year"], "INTEGER");
    assert_eq!(types["clauses"], "INTEGER");
    let types = &query(
        &duckdb,
        d,
        "select typeof(level) as level, typeof(numbers) as numbers, typeof(labels) as labels \
         from 'clauses.parquet' limit 1",
    )[0];
    assert_eq!(types["level"], "INTEGER");
    assert_eq!(types["numbers"], "INTEGER[]");
    assert_eq!(types["labels"], "VARCHAR[]");

    // The keys join: a clause is unique by (document_id, clause_id), and every agency and
    // target belongs to a clause that is there.
    let duplicates = one(
        &duckdb,
        d,
        "select count(*) from (select document_id, clause_id from 'clauses.parquet' \
         group by all having count(*) > 1)",
    );
    assert_eq!(duplicates, 0);
    for table in ["agencies", "targets"] {
        let orphans = one(
            &duckdb,
            d,
            &format!(
                "select count(*) from '{table}.parquet' t anti join 'clauses.parquet' c \
                 using (document_id, clause_id)"
            ),
        );
        assert_eq!(orphans, 0, "{table}");
    }
    let orphans = one(
        &duckdb,
        d,
        "select count(*) from 'clauses.parquet' c anti join 'documents.parquet' using (document_id)",
    );
    assert_eq!(orphans, 0);

    // The values of one document's targets are the JSON's, as numbers.
    let doc = parse_json(&seed_path("2015-guangdong-quality-improvement-opinions"));
    let values: Vec<f64> = doc
        .clauses
        .iter()
        .flat_map(|c| &c.targets)
        .map(|t| t.value)
        .collect();
    assert!(!values.is_empty());
    let json_sum: f64 = values.iter().sum();
    let parquet_sum = one(
        &duckdb,
        d,
        "select sum(t.value) from 'targets.parquet' t join 'documents.parquet' using (document_id) \
         where name = '2015-guangdong-quality-improvement-opinions'",
    );
    let parquet_sum = parquet_sum.as_f64().unwrap();
    assert!(
        (parquet_sum - json_sum).abs() <= 1e-6 * json_sum.abs().max(1.0),
        "{parquet_sum} vs {json_sum}"
    );
}

#[test]
fn jsonl_files_and_stream_hold_the_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    let paths = vec![corpus_dir()];
    export("jsonl", dir.path(), &paths);
    let expected = counts_from_json(&paths);
    let mut from_files = Vec::new();
    for (table, want) in ["documents", "clauses", "agencies", "targets"]
        .iter()
        .zip(expected)
    {
        let text = std::fs::read_to_string(dir.path().join(format!("{table}.jsonl"))).unwrap();
        let rows: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(rows.len() as u64, want, "{table}");
        from_files.extend(rows.into_iter().map(|mut r| {
            r.as_object_mut()
                .unwrap()
                .insert("table".into(), Value::from(*table));
            r
        }));
    }
    let out = run(&["export", "--format", "jsonl", arg(&corpus_dir())]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut streamed: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(streamed.len(), from_files.len());
    let key = |v: &Value| v.to_string();
    streamed.sort_by_key(key);
    from_files.sort_by_key(key);
    assert_eq!(streamed, from_files);
    // In the stream, every row names its table first.
    assert!(stdout(&out).lines().all(|l| l.starts_with("{\"table\":\"")));
}

/// Whether `path` (dots between levels) is a field of the mapping `properties`.
fn mapped(properties: &Value, path: &[&str]) -> bool {
    match path {
        [] => true,
        [first, rest @ ..] => match properties.get(first) {
            Some(field) if rest.is_empty() => field.get("type").is_some(),
            Some(field) => field.get("properties").is_some_and(|p| mapped(p, rest)),
            None => false,
        },
    }
}

/// Every field path of a JSON document, objects in arrays included.
fn field_paths(value: &Value, prefix: &mut Vec<String>, out: &mut HashSet<Vec<String>>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                prefix.push(k.clone());
                out.insert(prefix.clone());
                field_paths(v, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(items) => {
            for item in items {
                field_paths(item, prefix, out);
            }
        }
        _ => {}
    }
}

#[test]
fn elasticsearch_bulk_files_alternate_actions_and_clauses_mapped_by_the_template() {
    let dir = tempfile::tempdir().unwrap();
    let paths = inputs();
    export("elasticsearch", dir.path(), &paths);
    let [_, clauses, agencies, targets] = counts_from_json(&paths);

    let template: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("template.json")).unwrap())
            .unwrap();
    let mappings = &template["template"]["mappings"];
    assert_eq!(mappings["dynamic"], "strict");
    let properties = &mappings["properties"];
    assert_eq!(template["index_patterns"][0], "zhengce-clauses*");
    // The analyzer of clause text: chars and pairs of chars, width folded.
    let analysis = &template["template"]["settings"]["analysis"];
    assert_eq!(properties["text"]["analyzer"], "zhengce_text");
    assert_eq!(analysis["tokenizer"]["zhengce_grams"]["type"], "ngram");
    assert_eq!(analysis["tokenizer"]["zhengce_grams"]["min_gram"], 1);
    assert_eq!(analysis["tokenizer"]["zhengce_grams"]["max_gram"], 2);
    for field in [
        "agency",
        "role",
        "issuer",
        "document",
        "document_id",
        "doc_number",
    ] {
        let t = &properties[field];
        assert!(
            t["type"] == "keyword" || t["fields"]["keyword"]["type"] == "keyword",
            "{field}: {t}"
        );
    }
    for field in ["year", "level"] {
        assert_eq!(properties[field]["fields"]["keyword"]["type"], "keyword");
    }

    let mut chunks: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ndjson"))
        .collect();
    chunks.sort();
    assert!(!chunks.is_empty());
    let mut ids = HashSet::new();
    let mut documents = 0u64;
    let (mut agencies_seen, mut targets_seen) = (0u64, 0u64);
    for chunk in &chunks {
        let text = std::fs::read_to_string(chunk).unwrap();
        assert!(text.ends_with('\n'), "a bulk body ends with a newline");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines.len() % 2,
            0,
            "{}: action, document pairs",
            chunk.display()
        );
        for pair in lines.chunks(2) {
            let action: Value = serde_json::from_str(pair[0]).unwrap();
            let doc: Value = serde_json::from_str(pair[1]).unwrap();
            let action = action.as_object().unwrap();
            assert_eq!(action.len(), 1, "{action:?}");
            let id = action["index"]["_id"].as_str().unwrap().to_owned();
            assert!(id.len() <= 512);
            assert!(ids.insert(id.clone()), "duplicate _id {id}");
            assert!(
                doc.get("index").is_none(),
                "a document where an action should be"
            );
            let mut fields = HashSet::new();
            field_paths(&doc, &mut Vec::new(), &mut fields);
            for path in fields {
                let path: Vec<&str> = path.iter().map(String::as_str).collect();
                assert!(
                    mapped(properties, &path),
                    "{} not in the mapping",
                    path.join(".")
                );
            }
            assert!(doc["text"].is_string());
            assert!(doc["document_id"].is_string());
            documents += 1;
            agencies_seen += doc["agencies"].as_array().unwrap().len() as u64;
            targets_seen += doc["targets"].as_array().unwrap().len() as u64;
            for t in doc["targets"].as_array().unwrap() {
                assert!(t["value"].is_number());
            }
            if let Some(date) = doc["date"].as_str() {
                assert_eq!(date.len(), 10, "{date}");
            }
        }
    }
    assert_eq!(documents, clauses);
    assert_eq!(agencies_seen, agencies);
    assert_eq!(targets_seen, targets);
}

#[test]
fn an_index_exports_the_rows_of_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let out = run(&["index", "--index", arg(&index), arg(&corpus_dir())]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let from_index = dir.path().join("from-index");
    let out = run(&[
        "export",
        "--format",
        "jsonl",
        "--index",
        arg(&index),
        "--out",
        arg(&from_index),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let from_files = dir.path().join("from-files");
    export("jsonl", &from_files, &[corpus_dir()]);

    let read = |dir: &Path, table: &str| -> Vec<Value> {
        std::fs::read_to_string(dir.join(format!("{table}.jsonl")))
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    // The index records absolute paths; the files were named by the folder given.
    let canonical_corpus = std::fs::canonicalize(corpus_dir()).unwrap();
    let relative = |mut v: Value| {
        let id = v["document_id"].as_str().unwrap().to_owned();
        let name = Path::new(&id).file_name().unwrap().to_string_lossy();
        v["document_id"] = Value::from(name.into_owned());
        v
    };
    for table in ["clauses", "agencies", "targets"] {
        let mut a: Vec<Value> = read(&from_index, table).into_iter().map(relative).collect();
        let mut b: Vec<Value> = read(&from_files, table).into_iter().map(relative).collect();
        a.sort_by_key(|v| v.to_string());
        b.sort_by_key(|v| v.to_string());
        assert_eq!(a, b, "{table}");
    }
    let documents = read(&from_index, "documents");
    assert_eq!(documents.len(), common::corpus_files().len());
    for d in &documents {
        assert!(Path::new(d["document_id"].as_str().unwrap()).starts_with(&canonical_corpus));
        // What the index does not keep is null, not made up.
        assert!(d["format"].is_null() && d["notice"].is_null());
        assert!(d["year"].is_number());
    }
}

#[test]
fn a_bad_file_is_reported_and_the_others_are_exported() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::copy(
        seed_path("2020-guangdong-quality-province-plan"),
        inputs.join("a.txt"),
    )
    .unwrap();
    std::fs::write(inputs.join("b.txt"), b"\x00\x01binary\x00").unwrap();
    let out_dir = dir.path().join("out");
    let out = run(&[
        "export",
        "--format",
        "jsonl",
        "--out",
        arg(&out_dir),
        arg(&inputs),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("b.txt") && err.contains("binary"), "{err}");
    let documents = std::fs::read_to_string(out_dir.join("documents.jsonl")).unwrap();
    assert_eq!(documents.lines().count(), 1);
}

#[test]
fn parquet_without_a_folder_is_refused_in_one_line() {
    let out = run(&["export", "--format", "parquet", arg(&corpus_dir())]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--out"), "{err}");
}

#[test]
fn the_output_is_the_same_whatever_the_number_of_threads() {
    let govcn = fixtures_dir().join("govcn");
    let one = run(&["export", "--format", "jsonl", "-j", "1", arg(&govcn)]);
    let three = run(&["export", "--format", "jsonl", "-j", "3", arg(&govcn)]);
    assert_eq!(one.status.code(), Some(0), "{}", stderr(&one));
    assert_eq!(three.status.code(), Some(0), "{}", stderr(&three));
    assert!(stdout(&one).lines().count() > 1000);
    assert!(stdout(&one) == stdout(&three), "-j 1 and -j 3 differ");
}
