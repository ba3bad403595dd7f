//! `zhengce diff` on real revisions of laws and regulations, scored against pairings a
//! person wrote by reading both versions (fixtures/revisions/NN.pairs.tsv, format in
//! fixtures/revisions/README.md).
//!
//! Two scores, over all gold rows of all hand-paired revisions:
//! - **alignment**: the share of rows whose pairing the diff reproduces. A row `old → new`
//!   is reproduced when the diff puts the two clauses in one pair (1:1, split or merge);
//!   an `added` (`removed`) row when the diff reports that clause added (removed).
//! - **status**: among the rows aligned right, the share whose status is right. For a
//!   `modified` row the diff's `moved` flag must match the note's "also moved", and its
//!   `renumbered` flag must be set exactly when the labels changed (note "also renumbered"
//!   or "also moved").
//!
//! The bars of issue 12 are alignment ≥ 0.97 and status ≥ 0.93. The aligner does not
//! reach the alignment bar yet on the full revisions (02, 06, 10 pair many articles by
//! subject alone, with a tenth of their words in common), so the always-run test holds
//! the level reached (a regression floor, per kind and overall) and
//! `issue_bars_are_met` (ignored; `cargo test --test suite diff_real -- --ignored`) asserts
//! the bars themselves.

use crate::common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The pairs written by hand, light amendments and full revisions (fixtures README).
const LIGHT: [&str; 7] = ["01", "07", "11", "12", "13", "14", "15"];
const FULL: [&str; 4] = ["02", "03", "06", "10"];
/// More full revisions, paired by hand after the aligner had been tuned on the pairs
/// above (09 and 16 before it was changed again; 08 after all of that work, by a reader
/// who never saw the diff's output): a change that helps `FULL` but not these is fitting
/// those files, not progress. They count in "all" like any other pair.
const HELD_OUT: [&str; 3] = ["09", "16", "08"];
const ALIGNMENT_BAR: f64 = 0.97;
const STATUS_BAR: f64 = 0.93;
/// The level reached, which a change must not lose: (alignment, status) for light
/// amendments, full revisions, the held-out full revisions, all.
const FLOOR_LIGHT: (f64, f64) = (0.996, 0.997);
const FLOOR_FULL: (f64, f64) = (0.855, 0.955);
const FLOOR_HELD_OUT: (f64, f64) = (0.948, 0.977);
const FLOOR_ALL: (f64, f64) = (0.946, 0.981);

fn dir() -> PathBuf {
    common::fixtures_dir().join("revisions")
}

/// A label as the fixtures compare it: widths folded, trailing punctuation (、．.) gone.
fn fold_label(label: &str) -> String {
    let folded: String = label
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200b}')
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap(),
            c => c,
        })
        .collect();
    folded
        .trim_end_matches(['、', '.', '．', '，', ',', '：', ':'])
        .to_owned()
}

fn fold_path(path: &str) -> String {
    path.split('/')
        .map(|part| match part.split_once('#') {
            Some((label, n)) => format!("{}#{n}", fold_label(label)),
            None => fold_label(part),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Clause id → path, from `zhengce parse --json`. The second clause with a path already
/// seen gets `#2` on its last label (two lists in one article), as the fixtures write it.
fn paths(file: &Path) -> HashMap<String, String> {
    let out = common::run(&["parse", "--json", file.to_str().unwrap()]);
    assert!(out.status.success(), "parse {}: {:?}", file.display(), out);
    let doc: Value = common::data_of::<Value>(&out, "document").remove(0);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut map = HashMap::new();
    for c in doc["clauses"].as_array().unwrap() {
        let labels: Vec<String> = c["labels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| fold_label(l.as_str().unwrap()))
            .collect();
        let path = labels.join("/");
        let n = seen.entry(path.clone()).or_default();
        *n += 1;
        let path = if *n > 1 { format!("{path}#{n}") } else { path };
        map.insert(c["id"].as_str().unwrap().to_owned(), path);
    }
    map
}

struct GoldRow {
    old: Option<String>,
    new: Option<String>,
    status: String,
    note: String,
}

fn gold(pair: &str) -> Vec<GoldRow> {
    let text = std::fs::read_to_string(dir().join(format!("{pair}.pairs.tsv"))).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let side = |s: &str| (!s.is_empty()).then(|| fold_path(s));
            GoldRow {
                old: side(f[0]),
                new: side(f[1]),
                status: f[2].to_owned(),
                note: f.get(3).copied().unwrap_or("").to_owned(),
            }
        })
        .collect()
}

/// What the diff said about one clause: its group's status, the clauses on the other side
/// of its group, and the flags.
#[derive(Clone, Debug)]
struct Said {
    status: String,
    others: Vec<String>,
    moved: bool,
    renumbered: bool,
}

#[derive(Default)]
struct Score {
    rows: usize,
    aligned: usize,
    status_right: usize,
    misses: Vec<String>,
}

fn score(pair: &str) -> Score {
    let (old_file, new_file) = (
        dir().join(format!("{pair}.old.md")),
        dir().join(format!("{pair}.new.md")),
    );
    let (old_paths, new_paths) = (paths(&old_file), paths(&new_file));
    let out = common::run(&[
        "diff",
        "--json",
        old_file.to_str().unwrap(),
        new_file.to_str().unwrap(),
    ]);
    assert!(
        out.status.code() == Some(1),
        "diff {pair} exits 1: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut said_old: HashMap<String, Said> = HashMap::new();
    let mut said_new: HashMap<String, Said> = HashMap::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let m: Value = serde_json::from_str(line).unwrap();
        if m["type"] != "pair" {
            continue;
        }
        let d = &m["data"];
        let ids = |one: &Value, parts: &Value| -> Vec<String> {
            let parts = parts.as_array().unwrap();
            if parts.is_empty() {
                one.get("id")
                    .and_then(Value::as_str)
                    .map(|s| vec![s.to_owned()])
                    .unwrap_or_default()
            } else {
                parts
                    .iter()
                    .map(|p| p["id"].as_str().unwrap().to_owned())
                    .collect()
            }
        };
        let olds: Vec<String> = ids(&d["old"], &d["old_parts"])
            .iter()
            .map(|id| old_paths[id].clone())
            .collect();
        let news: Vec<String> = ids(&d["new"], &d["new_parts"])
            .iter()
            .map(|id| new_paths[id].clone())
            .collect();
        let said = |others: &[String]| Said {
            status: d["status"].as_str().unwrap().to_owned(),
            others: others.to_vec(),
            moved: d["moved"].as_bool().unwrap_or(false),
            renumbered: d["renumbered"].as_bool().unwrap_or(false),
        };
        for o in &olds {
            said_old.insert(o.clone(), said(&news));
        }
        for n in &news {
            said_new.insert(n.clone(), said(&olds));
        }
    }

    let mut s = Score::default();
    for row in gold(pair) {
        s.rows += 1;
        let said = match (&row.old, &row.new) {
            (Some(o), Some(n)) => said_old
                .get(o)
                .filter(|x| x.others.contains(n))
                .filter(|_| said_new.get(n).is_some_and(|y| y.others.contains(o))),
            (Some(o), None) => said_old.get(o).filter(|x| x.status == "removed"),
            (None, Some(n)) => said_new.get(n).filter(|x| x.status == "added"),
            (None, None) => panic!("{pair}: a row with neither side"),
        };
        let show = |p: &Option<String>| p.clone().unwrap_or_else(|| "—".to_owned());
        let Some(said) = said else {
            let got = row
                .old
                .as_ref()
                .and_then(|o| said_old.get(o))
                .or_else(|| row.new.as_ref().and_then(|n| said_new.get(n)));
            s.misses.push(format!(
                "{pair} align  {} → {} ({}); diff: {:?}",
                show(&row.old),
                show(&row.new),
                row.status,
                got.map(|g| (&g.status, &g.others))
            ));
            continue;
        };
        s.aligned += 1;
        let right = if row.status == "modified" {
            let moved = row.note.starts_with("also moved");
            let relabelled = moved || row.note.starts_with("also renumbered");
            said.status == "modified" && said.moved == moved && said.renumbered == relabelled
        } else {
            said.status == row.status
        };
        if right {
            s.status_right += 1;
        } else {
            s.misses.push(format!(
                "{pair} status {} → {}: gold {} ({}), diff {} moved={} renumbered={}",
                show(&row.old),
                show(&row.new),
                row.status,
                row.note.chars().take(20).collect::<String>(),
                said.status,
                said.moved,
                said.renumbered
            ));
        }
    }
    s
}

/// Scores every hand-paired revision, prints a table, and returns (alignment, status)
/// for the light, full, held-out and all pairs.
fn measure() -> [(f64, f64); 4] {
    let mut table = String::from("pair  kind   rows  alignment  status\n");
    let mut misses = Vec::new();
    let mut totals: [Score; 4] = Default::default();
    for (k, kind, pairs) in [
        (0, "light", &LIGHT[..]),
        (1, "full", &FULL[..]),
        (2, "held", &HELD_OUT[..]),
    ] {
        for pair in pairs {
            let s = score(pair);
            table.push_str(&format!(
                "{pair}    {kind:5}  {:4}  {:9.3}  {:6.3}\n",
                s.rows,
                s.aligned as f64 / s.rows as f64,
                s.status_right as f64 / s.aligned.max(1) as f64
            ));
            for t in [k, 3] {
                totals[t].rows += s.rows;
                totals[t].aligned += s.aligned;
                totals[t].status_right += s.status_right;
            }
            misses.extend(s.misses);
        }
    }
    let rates = totals.each_ref().map(|t| {
        (
            t.aligned as f64 / t.rows as f64,
            t.status_right as f64 / t.aligned.max(1) as f64,
        )
    });
    for (name, t, r) in [
        ("light", &totals[0], rates[0]),
        ("full", &totals[1], rates[1]),
        ("held", &totals[2], rates[2]),
        ("all", &totals[3], rates[3]),
    ] {
        table.push_str(&format!(
            "{name:5}        {:4}  {:9.3}  {:6.3}\n",
            t.rows, r.0, r.1
        ));
    }
    eprintln!("{table}");
    if std::env::var_os("DIFF_REAL_MISSES").is_some() {
        misses.sort();
        for m in &misses {
            eprintln!("{m}");
        }
    }
    rates
}

#[test]
fn real_revisions_keep_the_level_reached() {
    let [light, full, held_out, all] = measure();
    for (name, got, floor) in [
        ("light", light, FLOOR_LIGHT),
        ("full", full, FLOOR_FULL),
        ("held out", held_out, FLOOR_HELD_OUT),
        ("all", all, FLOOR_ALL),
    ] {
        assert!(
            got.0 >= floor.0 && got.1 >= floor.1,
            "{name}: alignment {:.3} (floor {}), status {:.3} (floor {}); \
             DIFF_REAL_MISSES=1 lists the misses",
            got.0,
            floor.0,
            got.1,
            floor.1
        );
    }
}

#[test]
#[ignore = "issue 12's bars: alignment is not there yet on full revisions"]
fn issue_bars_are_met() {
    let [_, _, _, (alignment, status)] = measure();
    assert!(
        alignment >= ALIGNMENT_BAR && status >= STATUS_BAR,
        "alignment {alignment:.3} (bar {ALIGNMENT_BAR}), status {status:.3} (bar {STATUS_BAR})"
    );
}

#[test]
fn labels_fold_as_the_fixtures_compare_them() {
    assert_eq!(fold_label("（一）"), "(一)");
    assert_eq!(fold_label("(一)"), "(一)");
    assert_eq!(fold_label("二、"), "二");
    assert_eq!(fold_label("１．"), "1");
    assert_eq!(
        fold_path("第二章/第二十四条/（一）#2"),
        "第二章/第二十四条/(一)#2"
    );
}
