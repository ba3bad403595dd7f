//! `zhengce similar` and `zhengce lineage`: measured on copying read by hand (the Dongguan
//! draft against the provincial outline it implements, `fixtures/lineage/`) and on a
//! generated corpus where copies with known edits are planted among real clauses.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::common::*;

const DRAFT: &str = "2023-dongguan-quality-power-draft";
const OUTLINE: &str = "2023-guangdong-quality-province-outline";

fn index_of(files: &[PathBuf]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let mut args = vec!["index", "--index", index.to_str().unwrap()];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    (dir, index)
}

#[derive(Debug, Deserialize)]
struct ClauseRef {
    labels: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Counterpart {
    clause: ClauseRef,
    relation: String,
    similarity: f64,
    text: String,
    edits: Vec<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
struct Row {
    relation: String,
    side: String,
    clause: ClauseRef,
    text: String,
    counterparts: Vec<Counterpart>,
}

/// Labels as the fixture writes them: full-width parentheses (the outline prints ASCII).
fn folded(labels: &[String]) -> String {
    labels.concat().replace('(', "（").replace(')', "）")
}

/// Letters and digits: what the fixture's rule on short clauses counts.
fn content_chars(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphanumeric()).count()
}

/// The fixture: (draft labels, outline labels) → (relation, extent); own clauses of the
/// draft have no outline labels.
/// (draft labels, outline labels, relation, extent).
type Derivation = (String, String, String, String);

fn hand_read() -> (Vec<Derivation>, BTreeSet<String>) {
    let tsv =
        std::fs::read_to_string(fixtures_dir().join("lineage/dongguan-vs-outline.tsv")).unwrap();
    let mut pairs = Vec::new();
    let mut own = BTreeSet::new();
    for line in tsv.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        let draft = f[0].replace('(', "（").replace(')', "）");
        if f[2] == "own" {
            own.insert(draft);
        } else {
            let outline = f[1].replace('(', "（").replace(')', "）");
            pairs.push((draft, outline, f[2].to_owned(), f[3].to_owned()));
        }
    }
    (pairs, own)
}

/// Precision and recall of "derives from" on the pair read by hand: every pair the
/// program reports must be one the reading found (whole or part), and it must find the
/// whole-clause derivations. Chapter headings under ten chars (总体要求, 组织保障) are not
/// compared by design; the fixture lists them and they are left out here.
#[test]
fn the_dongguan_draft_against_the_outline_as_read_by_hand() {
    let (_dir, index) = index_of(&[seed_path(DRAFT), seed_path(OUTLINE)]);
    let out = run(&[
        "lineage",
        DRAFT,
        "--against",
        OUTLINE,
        "--json",
        "--index",
        index.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows: Vec<Row> = data_of(&out, "row");
    // Which clauses were compared, and their text, on each side.
    let mut draft_text = BTreeMap::new();
    let mut outline_text = BTreeMap::new();
    let mut found = BTreeSet::new();
    for r in &rows {
        if r.side == "document" {
            draft_text.insert(folded(&r.clause.labels), r.text.clone());
            for c in &r.counterparts {
                outline_text.insert(folded(&c.clause.labels), c.text.clone());
                found.insert((folded(&r.clause.labels), folded(&c.clause.labels)));
                assert_eq!(c.relation == "copied", c.similarity == 1.0, "{c:?}");
                assert_eq!(c.relation == "copied", c.edits.is_empty(), "{c:?}");
            }
            let best = r.counterparts.first().map(|c| c.relation.as_str());
            assert_eq!(r.relation, best.unwrap_or("own"), "{r:?}");
        } else {
            assert_eq!(r.relation, "unmatched");
            outline_text.insert(folded(&r.clause.labels), r.text.clone());
        }
    }
    let (pairs, own) = hand_read();
    let draft = parse_json(&seed_path(DRAFT));
    let outline = parse_json(&seed_path(OUTLINE));
    let text_of = |doc: &Document, labels: &str| {
        doc.clauses
            .iter()
            .find(|c| folded(&c.labels) == labels)
            .map(|c| c.text.clone())
            .unwrap_or_else(|| panic!("{labels} is in {}", doc.source))
    };
    let mut whole = 0;
    let mut whole_found = 0;
    let mut listed = BTreeSet::new();
    for (d, o, relation, extent) in &pairs {
        let short =
            content_chars(&text_of(&draft, d)) < 10 || content_chars(&text_of(&outline, o)) < 10;
        if short {
            // Not compared: and so not in the output.
            assert!(!draft_text.contains_key(d), "{d} is short");
            continue;
        }
        listed.insert((d.clone(), o.clone()));
        if extent == "whole" {
            whole += 1;
            if found.contains(&(d.clone(), o.clone())) {
                whole_found += 1;
                let row = rows
                    .iter()
                    .find(|r| folded(&r.clause.labels) == *d)
                    .unwrap();
                let c = row
                    .counterparts
                    .iter()
                    .find(|c| folded(&c.clause.labels) == *o)
                    .unwrap();
                assert_eq!(&c.relation, relation, "{d} ← {o}");
            } else {
                eprintln!("missed: {d} ← {o}");
            }
        }
    }
    let correct = found.iter().filter(|p| listed.contains(*p)).count();
    for p in found.iter().filter(|p| !listed.contains(*p)) {
        eprintln!("not read so: {} ← {}", p.0, p.1);
    }
    let precision = correct as f64 / found.len() as f64;
    let recall = whole_found as f64 / whole as f64;
    eprintln!(
        "hand-read pair: precision {precision:.3} ({correct}/{}), recall {recall:.3} ({whole_found}/{whole})",
        found.len()
    );
    assert!(whole >= 30, "the fixture has {whole} whole derivations");
    assert!(precision >= 0.95, "precision {precision}");
    assert!(recall >= 0.95, "recall {recall}");
    // Clauses read as the draft's own have no counterpart.
    for d in &own {
        let row = rows.iter().find(|r| folded(&r.clause.labels) == *d);
        if let Some(row) = row {
            assert!(
                row.counterparts.is_empty() || pairs.iter().any(|p| p.0 == *d),
                "{d} is its own: {row:?}"
            );
        }
    }
}

/// A small deterministic generator (xorshift), the same on every machine.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    }
}

/// Sections of State Council documents that repeat each other from document to document
/// (the same 指导思想 paragraph in every plan of a year): left out of the pool, so the only
/// copies in the generated corpus are the planted ones.
const BOILERPLATE: [&str; 8] = [
    "指导思想",
    "基本原则",
    "总体要求",
    "工作目标",
    "组织实施",
    "保障措施",
    "组织领导",
    "加强领导",
];

/// Real clauses of the State Council documents of the bundled corpus, each at least 40
/// chars, without repeats.
fn real_clauses() -> Vec<String> {
    let files: Vec<PathBuf> = corpus_files()
        .into_iter()
        .filter(|p| p.file_stem().unwrap().to_string_lossy().contains("-guo"))
        .collect();
    let mut args = vec!["parse", "--json"];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut seen = BTreeSet::new();
    let mut pool = Vec::new();
    for doc in documents(&out) {
        for c in doc.clauses {
            let text: String = c.text.replace('\n', "");
            let boiler = c
                .heading
                .as_deref()
                .is_some_and(|h| BOILERPLATE.iter().any(|b| h.contains(b)));
            if content_chars(&text) >= 40 && !boiler && seen.insert(text.clone()) {
                pool.push(text);
            }
        }
    }
    without_twins(pool)
}

/// The clauses that share no run of 12 letters and digits with another: State Council
/// documents repeat some clauses nearly word for word (自贸试验区 measures, one per
/// industry), and those would be copies nobody planted.
fn without_twins(pool: Vec<String>) -> Vec<String> {
    const RUN: usize = 12;
    let content: Vec<Vec<char>> = pool
        .iter()
        .map(|t| t.chars().filter(|c| c.is_alphanumeric()).collect())
        .collect();
    let mut first: BTreeMap<&[char], usize> = BTreeMap::new();
    let mut twin = vec![false; pool.len()];
    for (i, c) in content.iter().enumerate() {
        for w in c.windows(RUN) {
            match first.get(w) {
                Some(&j) if j != i => {
                    twin[i] = true;
                    twin[j] = true;
                }
                Some(_) => {}
                None => {
                    first.insert(w, i);
                }
            }
        }
    }
    pool.into_iter()
        .zip(twin)
        .filter(|(_, t)| !t)
        .map(|(p, _)| p)
        .collect()
}

/// The edits a city makes to a provincial clause.
#[derive(Debug, Clone, Copy)]
enum Edit {
    Numbers,
    Agencies,
    Insert,
    Delete,
    Reorder,
    Extend,
}

const EDITS: [Edit; 6] = [
    Edit::Numbers,
    Edit::Agencies,
    Edit::Insert,
    Edit::Delete,
    Edit::Reorder,
    Edit::Extend,
];

/// National names and their local substitutes.
const AGENCIES: [(&str, &str); 8] = [
    ("国务院", "市人民政府"),
    ("各省、自治区、直辖市人民政府", "各镇街（园区）"),
    ("各地区", "各镇街"),
    ("国务院各部委、各直属机构", "市直各有关单位"),
    ("国家", "省"),
    ("全国", "全市"),
    ("中央", "省"),
    ("各部门", "市各有关部门"),
];

fn apply(text: &str, edit: Edit, filler: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = text.chars().collect();
    match edit {
        Edit::Numbers => {
            let mut out = String::new();
            let mut changed = false;
            for c in &chars {
                if c.is_ascii_digit() {
                    out.push(char::from(b'0' + rng.below(10) as u8));
                    changed = true;
                } else {
                    out.push(*c);
                }
            }
            if changed {
                out
            } else {
                format!("到2025年，{text}")
            }
        }
        Edit::Agencies => {
            let mut out = text.to_owned();
            for (from, to) in AGENCIES {
                out = out.replace(from, to);
            }
            if out == text {
                format!("市各有关部门要{text}")
            } else {
                out
            }
        }
        Edit::Insert => {
            let words = ["进一步", "结合本地实际，", "大力", "切实", "全面"];
            let mut out = chars.clone();
            for _ in 0..2 {
                let at = rng.below(out.len());
                let w = words[rng.below(words.len())];
                out.splice(at..at, w.chars());
            }
            out.into_iter().collect()
        }
        Edit::Delete => {
            let len = 4 + rng.below(7);
            let at = rng.below(chars.len().saturating_sub(len).max(1));
            chars[..at]
                .iter()
                .chain(&chars[(at + len).min(chars.len())..])
                .collect()
        }
        Edit::Reorder => {
            let mut parts: Vec<&str> = text.split_inclusive(['。', '；']).collect();
            if parts.len() < 2 {
                parts = text.split_inclusive('，').collect();
            }
            parts.rotate_left(1);
            parts.concat()
        }
        Edit::Extend => format!("{text}{filler}"),
    }
}

/// A document of numbered items under one chapter, as a plan prints them.
fn document(title: &str, clauses: &[String]) -> String {
    const NUMERALS: [&str; 12] = [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
    ];
    let mut text = format!("{title}\n\n一、重点任务\n\n");
    for (i, c) in clauses.iter().enumerate() {
        text.push_str(&format!("（{}）{c}\n\n", NUMERALS[i]));
    }
    text
}

/// A planted clause: the document and text of a copy, and the original it derives from.
struct Planted {
    original: (String, usize),
    copy: (String, String),
    family: usize,
}

#[derive(Debug, Deserialize)]
struct Similar {
    document: DocName,
    text: String,
    relation: String,
}

#[derive(Debug, Deserialize)]
struct DocName {
    name: String,
}

#[test]
fn planted_copies_are_found_and_nothing_else() {
    let mut pool = real_clauses();
    assert!(pool.len() > 300, "{} clauses", pool.len());
    let mut rng = Rng(0x11_4E_A6_E5);
    // Shuffle, then deal: originals, background, filler for extensions.
    for i in (1..pool.len()).rev() {
        pool.swap(i, rng.below(i + 1));
    }
    let originals: Vec<String> = pool.drain(..48).collect();
    let filler: Vec<String> = pool.drain(..60).collect();
    let mut background = pool.into_iter();
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    // Eight provincial documents (2019) of six originals and four unrelated clauses each.
    let mut where_original = Vec::new();
    for s in 0..8 {
        let name = format!("2019-province-{s}");
        let mut clauses = Vec::new();
        for k in 0..6 {
            clauses.push(originals[s * 6 + k].clone());
            clauses.push(background.next().unwrap());
        }
        for (i, c) in clauses.iter().enumerate() {
            if let Some(o) = originals.iter().position(|x| x == c) {
                where_original.push((o, name.clone(), i));
            }
        }
        let path = docs.join(format!("{name}.txt"));
        std::fs::write(&path, document(&format!("省实施方案{s}"), &clauses)).unwrap();
    }
    // Twelve city documents (2021): each takes copies of originals from several provinces
    // (many-to-one), every copy edited once or twice, among unrelated clauses.
    let mut planted = Vec::new();
    let mut f = 0;
    for t in 0..12 {
        let name = format!("2021-city-{t}");
        let mut clauses = Vec::new();
        for k in 0..5 {
            // Sixteen originals are copied, three or four times each.
            let o = (t * 5 + k * 3) % 16;
            let mut text = originals[o].clone();
            for _ in 0..1 + rng.below(2) {
                let edit = EDITS[rng.below(EDITS.len())];
                text = apply(&text, edit, &filler[f % filler.len()], &mut rng);
                f += 1;
            }
            planted.push(Planted {
                original: (String::new(), o),
                copy: (name.clone(), text.clone()),
                family: o,
            });
            clauses.push(text);
            clauses.push(background.next().unwrap());
        }
        let path = docs.join(format!("{name}.txt"));
        std::fs::write(&path, document(&format!("市实施方案{t}"), &clauses)).unwrap();
    }
    for p in &mut planted {
        let (_, name, _) = where_original.iter().find(|w| w.0 == p.family).unwrap();
        p.original.0 = name.clone();
    }
    let (_idx, index) = index_of(std::slice::from_ref(&docs));
    // `similar` on each original: its copies, and only copies of it.
    let fold = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    let mut found_pairs = 0;
    let mut wrong = 0;
    let mut expected = 0;
    let mut recalled = 0;
    for (o, name, i) in where_original.iter().filter(|w| w.0 < 16) {
        let labels = format!(
            "一、（{}）",
            [
                "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"
            ][*i]
        );
        let out = run(&[
            "similar",
            name,
            &labels,
            "--json",
            "--limit",
            "50",
            "--index",
            index.to_str().unwrap(),
        ]);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
        let found: Vec<Similar> = data_of(&out, "similar");
        let copies: Vec<&Planted> = planted.iter().filter(|p| p.family == *o).collect();
        expected += copies.len();
        for p in &copies {
            if found
                .iter()
                .any(|s| s.document.name == p.copy.0 && fold(&s.text) == fold(&p.copy.1))
            {
                recalled += 1;
            } else {
                eprintln!("missed: {} ← {} {}", p.copy.0, name, labels);
            }
        }
        for s in &found {
            found_pairs += 1;
            let ours = copies
                .iter()
                .any(|p| s.document.name == p.copy.0 && fold(&s.text) == fold(&p.copy.1));
            if !ours {
                wrong += 1;
                eprintln!(
                    "not planted: {name} {labels} → {} {} ({})",
                    s.document.name, s.text, s.relation
                );
            }
        }
    }
    let precision = (found_pairs - wrong) as f64 / found_pairs.max(1) as f64;
    let recall = recalled as f64 / expected as f64;
    eprintln!(
        "planted: precision {precision:.3} ({}/{found_pairs}), recall {recall:.3} ({recalled}/{expected})",
        found_pairs - wrong
    );
    assert!(expected >= 50);
    assert!(precision >= 0.95, "precision {precision}");
    assert!(recall >= 0.95, "recall {recall}");

    // The edge list: every (province, city) pair with a planted copy is an edge from the
    // province to the city, weighted by the copies planted.
    let out = run(&[
        "lineage",
        "--edges",
        "--json",
        "--index",
        index.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    #[derive(Debug, Deserialize)]
    struct Edge {
        source: String,
        target: String,
        directed: bool,
        shared: usize,
    }
    let edges: Vec<Edge> = data_of(&out, "edge");
    let mut planted_edges: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for p in &planted {
        planted_edges
            .entry((p.original.0.clone(), p.copy.0.clone()))
            .or_default()
            .insert(fold(&p.copy.1));
    }
    let mut matched = 0;
    for ((s, t), copies) in &planted_edges {
        if let Some(e) = edges.iter().find(|e| &e.source == s && &e.target == t) {
            assert!(e.directed);
            if e.shared >= copies.len() {
                matched += 1;
            }
        }
    }
    let edge_recall = matched as f64 / planted_edges.len() as f64;
    eprintln!(
        "edges: {matched}/{} planted pairs found",
        planted_edges.len()
    );
    assert!(edge_recall >= 0.95, "edge recall {edge_recall}");
    // Cities copy from provinces, and from each other only where they copy one original.
    // (The real clauses the documents are made of copy each other here and there too: an
    // edge between two provinces is not part of the experiment.)
    let city_edges: Vec<&Edge> = edges.iter().filter(|e| e.target.contains("city")).collect();
    let right = city_edges
        .iter()
        .filter(|e| {
            let siblings = planted.iter().filter(|p| p.copy.0 == e.source).any(|p| {
                planted
                    .iter()
                    .any(|q| q.copy.0 == e.target && q.family == p.family)
            });
            planted_edges.contains_key(&(e.source.clone(), e.target.clone())) || siblings
        })
        .count();
    let edge_precision = right as f64 / city_edges.len() as f64;
    eprintln!(
        "edges: precision {edge_precision:.3} ({right}/{})",
        city_edges.len()
    );
    assert!(edge_precision >= 0.95, "edge precision {edge_precision}");
}

/// `lineage DOC` among the Guangdong documents of the bundled corpus: the draft shares most
/// of its clauses with the outline, and the table says so.
#[test]
fn lineage_of_the_draft_among_the_guangdong_documents() {
    let seeds: Vec<PathBuf> = SEEDS.iter().map(|s| seed_path(s)).collect();
    let (_dir, index) = index_of(&seeds);
    let out = run(&[
        "lineage",
        DRAFT,
        "--json",
        "--index",
        index.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    #[derive(Debug, Deserialize)]
    struct Link {
        document: DocName,
        copied: usize,
        adapted: usize,
        shared: usize,
        share: f64,
        source: Option<String>,
    }
    let links: Vec<Link> = data_of(&out, "link");
    let first = &links[0];
    assert_eq!(first.document.name, OUTLINE);
    assert_eq!(first.shared, first.copied + first.adapted);
    // Four chapter headings are long enough to compare and copied (推动经济质量效益型发展 …).
    assert!(first.copied >= 3, "{first:?}");
    assert!(first.share > 0.8, "{first:?}");
    // The outline has no date and is of the same year: no direction.
    assert_eq!(first.source, None);
    // CSV: a header and one row per document.
    let out = run(&[
        "lineage",
        DRAFT,
        "--csv",
        "--index",
        index.to_str().unwrap(),
    ]);
    let csv = stdout(&out);
    assert!(csv.starts_with("document,other,"), "{csv}");
    assert_eq!(csv.lines().count(), links.len() + 1);
    // The edge list is CSV for network tools: source and target first, one edge between
    // the draft and the outline, undirected (same year, the outline has no date).
    let out = run(&["lineage", "--edges", "--index", index.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let csv = stdout(&out);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "source,target,weight,directed,copied,adapted,similarity,source_clauses,target_clauses"
        )
    );
    let edge = lines
        .find(|l| l.starts_with(&format!("{DRAFT},{OUTLINE},")))
        .expect("the draft–outline edge");
    let cells: Vec<&str> = edge.split(',').collect();
    assert_eq!(cells[3], "false");
    // Draft clauses taken from the outline at the index-wide threshold (29 by `--against
    // --threshold 0.2`: copied 3, adapted 26; the sampled candidates may miss one).
    assert!(cells[2].parse::<usize>().unwrap() >= 28, "{edge}");
}

#[test]
fn similar_reads_text_from_stdin_and_refuses_what_cannot_match() {
    let (_dir, index) = index_of(&[seed_path(DRAFT), seed_path(OUTLINE)]);
    let idx = index.to_str().unwrap();
    // The outline's (三十一) as a city would write it: the draft's is found, and the outline's.
    let text =
        "开展督察评估。加强质量工作考核，将考核结果纳入各区党政领导班子和领导干部政绩考核内容。";
    let out = run_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["similar", "-", "--json", "--index", idx],
        Some(text.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let found: Vec<Similar> = data_of(&out, "similar");
    let names: BTreeSet<&str> = found.iter().map(|s| s.document.name.as_str()).collect();
    assert!(
        names.contains(DRAFT) && names.contains(OUTLINE),
        "{names:?}"
    );
    // Errors: a bad threshold, no clause id, an unknown clause.
    for args in [
        vec!["similar", DRAFT, "1.1", "--threshold", "2", "--index", idx],
        vec!["similar", DRAFT, "--index", idx],
        vec!["similar", DRAFT, "9.99", "--index", idx],
        vec!["similar", DRAFT, "1.1", "--limit", "0", "--index", idx],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    }
}
