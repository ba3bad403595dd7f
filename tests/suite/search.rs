//! `zhengce index` and `zhengce search`: results compared with a brute-force scan of the
//! clauses that `parse --json` gives, over the seeds and a held-out document.

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::*;

/// The held-out document: GBK, hard line breaks inside phrases, full-width digits and
/// letters, Latin words that contain one another (GDP, GDPR).
fn held_out() -> PathBuf {
    fixtures_dir().join("search/2024-example-city-digital-quality-plan.txt")
}

/// One searchable unit of a document, as the test expects the index to hold it.
#[derive(Debug, Clone, PartialEq)]
struct Unit {
    kind: String,
    id: String,
    /// What a query is compared with: a clause's own label, then its text.
    searched: String,
    /// The unit's text, which `--regex` runs on.
    text: String,
}

/// The units of a parsed document, restated from docs/search.md rather than borrowed
/// from the library: the titles, each paragraph of the cover notice and of the preamble,
/// each clause (searched with its own label), each excluded text. `paragraph` units (lines
/// no field holds) are not derivable from `parse --json`; [`indexed`] takes them from `show`.
fn units_of(doc: &Document) -> Vec<Unit> {
    let unit = |kind: &str, id: String, text: &str| Unit {
        kind: kind.into(),
        id,
        searched: text.into(),
        text: text.into(),
    };
    let mut units = Vec::new();
    let mut titles: Vec<&String> = Vec::new();
    for t in [&doc.title, &doc.document_title].into_iter().flatten() {
        if !t.trim().is_empty() && !titles.contains(&t) {
            titles.push(t);
        }
    }
    for (i, t) in titles.iter().enumerate() {
        let id = if i == 0 {
            "title".to_string()
        } else {
            format!("title.{}", i + 1)
        };
        units.push(unit("title", id, t));
    }
    for (kind, text) in [("notice", &doc.notice), ("preamble", &doc.preamble)] {
        let paragraphs = text.iter().flat_map(|t| t.split('\n'));
        for (i, p) in paragraphs.filter(|p| !p.trim().is_empty()).enumerate() {
            units.push(unit(kind, format!("{kind}.{}", i + 1), p));
        }
    }
    for c in &doc.clauses {
        units.push(Unit {
            kind: "clause".into(),
            id: c.id.clone(),
            searched: format!("{}{}", c.labels.last().unwrap(), c.text),
            text: c.text.clone(),
        });
    }
    for (i, e) in doc.excluded.iter().enumerate() {
        units.push(unit("excluded", format!("excluded.{}", i + 1), &e.text));
    }
    units
}

/// The units `show --json` lists for a document of an index.
fn shown_units(index: &Path, name: &str) -> Vec<Unit> {
    let out = run(&["show", "--json", "--index", index.to_str().unwrap(), name]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    messages(&out)
        .into_iter()
        .filter(|m| m.kind == "unit")
        .map(|m| {
            let v = m.data;
            let c = &v["clause"];
            let text = c["text"].as_str().unwrap().to_owned();
            let label = c["labels"]
                .as_array()
                .and_then(|l| l.last())
                .and_then(|l| l.as_str())
                .unwrap_or("");
            Unit {
                kind: c["kind"].as_str().unwrap().into(),
                id: c["id"].as_str().unwrap().into(),
                searched: format!("{label}{text}"),
                text,
            }
        })
        .collect()
}

/// An index of the seeds and the held-out document, and every unit by document name.
struct Indexed {
    _dir: tempfile::TempDir,
    index: PathBuf,
    clauses: Vec<(String, Unit)>,
}

fn indexed() -> Indexed {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let out = run(&[
        "index",
        "--index",
        index.to_str().unwrap(),
        corpus_dir().to_str().unwrap(),
        held_out().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut clauses = Vec::new();
    let mut paths: Vec<PathBuf> = corpus_files();
    paths.push(held_out());
    for path in paths {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let mut units = units_of(&parse_json(&path));
        let paragraphs = shown_units(&index, &name).into_iter();
        units.extend(paragraphs.filter(|u| u.kind == "paragraph"));
        for unit in units {
            clauses.push((name.clone(), unit));
        }
    }
    Indexed {
        _dir: dir,
        index,
        clauses,
    }
}

/// What "contains" means, restated here rather than borrowed from the library: widths
/// and case folded, whitespace dropped except one space between two Latin letters/digits.
fn normalize(text: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}') {
            space = true;
            continue;
        }
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap(),
            '○' | '◯' => '〇',
            c => c,
        };
        let mut lower = c.to_lowercase();
        let c = match (lower.next(), lower.next()) {
            (Some(l), None) => l,
            _ => c,
        };
        if space && c.is_ascii_alphanumeric() && out.last().is_some_and(char::is_ascii_alphanumeric)
        {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

fn contains(haystack: &[char], needle: &[char]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    }
}

/// Random substrings of clause texts (and, one in five, of whole documents, which may
/// cross clauses and match nothing), 1 to 10 chars long. All-ASCII strings are left to
/// their own test: they match as words, not as substrings.
fn random_queries(clauses: &[(String, Unit)], count: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng(seed);
    let whole: Vec<Vec<char>> = clauses
        .chunk_by(|a, b| a.0 == b.0)
        .map(|doc| {
            normalize(
                &doc.iter()
                    .map(|(_, c)| c.searched.as_str())
                    .collect::<Vec<_>>()
                    .join(""),
            )
        })
        .collect();
    let mut queries = Vec::new();
    while queries.len() < count {
        let source = if rng.below(5) == 0 {
            whole[rng.below(whole.len())].clone()
        } else {
            normalize(&clauses[rng.below(clauses.len())].1.searched)
        };
        if source.is_empty() {
            continue;
        }
        let len = 1 + rng.below(10.min(source.len()));
        let start = rng.below(source.len() - len + 1);
        let q: String = source[start..start + len].iter().collect();
        let syntax = q.contains(' ') || q.starts_with(['-', '"']) || q.contains('"') || q == "OR";
        if syntax || q.is_ascii() {
            continue;
        }
        queries.push(q);
    }
    queries
}

fn expected(clauses: &[(String, Unit)], query: &str) -> BTreeSet<(String, String)> {
    let q = normalize(query);
    clauses
        .iter()
        .filter(|(_, c)| contains(&normalize(&c.searched), &q))
        .map(|(name, c)| (name.clone(), c.id.clone()))
        .collect()
}

fn search(index: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["search", "--index", index.to_str().unwrap()];
    all.extend_from_slice(args);
    run(&all)
}

fn found(index: &Path, query: &str) -> BTreeSet<(String, String)> {
    let out = search(index, &["--json", "--limit", "100000", query]);
    let code = out.status.code();
    assert!(
        code == Some(0) || code == Some(1),
        "{query}: {}",
        stderr(&out)
    );
    let hits = hits(&out);
    assert_eq!(code == Some(0), !hits.is_empty(), "exit code of {query}");
    hits.into_iter()
        .map(|h| (h.document.name, h.clause.id))
        .collect()
}

#[test]
fn random_substrings_match_a_brute_force_scan_exactly() {
    let ix = indexed();
    let queries = random_queries(&ix.clauses, 120, 0x5EED_2026);
    let mut compared = 0;
    for q in &queries {
        let want = expected(&ix.clauses, q);
        assert_eq!(found(&ix.index, q), want, "query {q:?}");
        compared += want.len();
    }
    assert!(
        compared > 200,
        "the queries should find clauses: {compared}"
    );
}

#[test]
fn one_char_queries_and_strings_across_word_boundaries() {
    let ix = indexed();
    for q in [
        "质",
        "局",
        "监管局",
        "场监",
        "量质",
        "质量发展",
        "%",
        "（",
        "。",
    ] {
        let want = expected(&ix.clauses, q);
        assert!(!want.is_empty() || q == "量质", "{q} occurs in the seeds");
        assert_eq!(found(&ix.index, q), want, "query {q:?}");
    }
}

#[test]
fn full_width_and_half_width_forms_match_each_other() {
    let ix = indexed();
    // The held-out plan writes 到２０２６年 in full-width digits.
    let half = found(&ix.index, "到2026年");
    assert_eq!(half, found(&ix.index, "到２０２６年"));
    assert!(half.contains(&("2024-example-city-digital-quality-plan".into(), "1".into())));
    assert_eq!(half, expected(&ix.clauses, "到2026年"));
}

/// Phrases that a hard line break splits in the file: grep on the file misses them.
#[test]
fn phrases_split_by_line_breaks_are_found() {
    let ix = indexed();
    let mut checked = 0;
    let mut paths: Vec<PathBuf> = corpus_files();
    paths.push(held_out());
    for path in paths {
        let doc = parse_json(&path);
        let bytes = std::fs::read(&path).unwrap();
        let decoded = match String::from_utf8(bytes.clone()) {
            Ok(text) => text,
            Err(_) => encoding_rs::GB18030.decode(&bytes).0.into_owned(),
        };
        let raw: Vec<String> = decoded.lines().map(str::to_owned).collect();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        for clause in doc.clauses.iter().filter(|c| c.lines.end > c.lines.start) {
            for line in clause.lines.start..clause.lines.end {
                let (a, b) = (&raw[line - 1], &raw[line]);
                let tail: Vec<char> = a.trim_end().chars().rev().take(2).collect();
                let head: Vec<char> = b.trim_start().chars().take(2).collect();
                let han = |c: &char| ('\u{4E00}'..='\u{9FFF}').contains(c);
                if tail.len() < 2 || head.len() < 2 || !tail.iter().chain(&head).any(han) {
                    continue;
                }
                let q: String = tail.iter().rev().chain(&head).collect();
                if raw.iter().any(|l| l.contains(&q)) || !clause.text.contains(&q) {
                    continue;
                }
                let hits = found(&ix.index, &q);
                assert!(
                    hits.contains(&(name.clone(), clause.id.clone())),
                    "{q} in {name} {}",
                    clause.id
                );
                assert_eq!(hits, expected(&ix.clauses, &q), "{q}");
                checked += 1;
                if checked >= 12 {
                    return;
                }
            }
        }
    }
    assert!(checked >= 5, "only {checked} split phrases found");
}

#[test]
fn latin_words_and_numbers_match_as_words() {
    let ix = indexed();
    let ids = |q: &str| -> Vec<String> {
        found(&ix.index, q)
            .into_iter()
            .filter(|(n, _)| n.starts_with("2024-example"))
            .map(|(_, id)| id)
            .collect()
    };
    // ＧＤＰ (full width) in 一、; GDPR in 二、（二）.
    assert_eq!(ids("gdp"), ["1"]);
    assert_eq!(ids("GDPR"), ["2.2"]);
    assert_eq!(ids("5G"), ["1"]);
    assert_eq!(ids("QC"), ["2.2"]);
    assert_eq!(ids("ISO9001"), ["2.2"]);
    assert_eq!(ids("\"ISO 9001\""), ["1"]);
    assert_eq!(ids("16949"), ["2.2"]);
    assert!(ids("1694").is_empty(), "a number matches whole");
    // A term with Chinese in it is a plain substring, digits and all.
    assert_eq!(ids("5万个"), ["1"]);
}

#[test]
fn and_or_not_and_phrases() {
    let ix = indexed();
    let a = expected(&ix.clauses, "食品");
    let b = expected(&ix.clauses, "合格率");
    let both: BTreeSet<_> = a.intersection(&b).cloned().collect();
    assert!(!both.is_empty());
    assert_eq!(found(&ix.index, "食品 合格率"), both);
    assert_eq!(
        found(&ix.index, "食品 OR 合格率"),
        a.union(&b).cloned().collect()
    );
    assert_eq!(
        found(&ix.index, "食品 -合格率"),
        a.difference(&b).cloned().collect()
    );
    // `-term` as its own argument, among options, as a shell passes it.
    let out = search(&ix.index, &["食品", "-合格率", "--count"]);
    assert_eq!(stdout(&out).trim(), a.difference(&b).count().to_string());
    let out = search(&ix.index, &["食品", "--exclude", "合格率", "--count"]);
    assert_eq!(stdout(&out).trim(), a.difference(&b).count().to_string());
    // An ASCII exclusion too, while -c and -n stay options.
    let gdp = expected(&ix.clauses, "质量").len();
    let out = search(&ix.index, &["质量", "-GDPR", "-c"]);
    assert_eq!(
        stdout(&out).trim(),
        (gdp - 1).to_string(),
        "{}",
        stderr(&out)
    );
    // Spaces inside quotes mean nothing between Chinese characters.
    assert_eq!(
        found(&ix.index, "\"质量 认证\""),
        expected(&ix.clauses, "质量认证")
    );
    // ASCII punctuation is text, not syntax: no clause has 质量:认证, and that is not an error.
    let out = search(&ix.index, &["质量:认证"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn malformed_queries_are_one_line_errors() {
    let ix = indexed();
    for bad in [
        &["\"质量"][..],
        &["质量", "OR"],
        &["-监管"],
        &["--regex", "到(20"],
    ] {
        let out = search(&ix.index, bad);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("zhengce: "), "{err}");
    }
}

#[test]
fn snippets_and_offsets_are_in_chars_and_mark_the_query() {
    let ix = indexed();
    let out = search(
        &ix.index,
        &["--json", "--limit", "50", "--width", "30", "质量基础设施"],
    );
    let hits = hits(&out);
    assert!(hits.len() > 5);
    for hit in &hits {
        assert_eq!(
            (hit.unit.as_str(), hit.snippet.unit.as_str()),
            ("char", "char")
        );
        let text: Vec<char> = hit.text.chars().collect();
        assert!(!hit.matches.is_empty());
        for m in &hit.matches {
            let s: String = text[m.start..m.end].iter().collect();
            assert_eq!(s, "质量基础设施");
        }
        let snip: Vec<char> = hit.snippet.text.chars().collect();
        assert!(snip.len() <= 30);
        assert_eq!(snip.len(), hit.snippet.end - hit.snippet.start);
        for m in &hit.snippet.matches {
            let s: String = snip[m.start..m.end].iter().collect();
            assert!(
                "质量基础设施".starts_with(&s) || "质量基础设施".ends_with(&s),
                "{s}"
            );
        }
    }
    // Without colour, matches are marked.
    let plain = search(&ix.index, &["--color", "never", "质量基础设施"]);
    assert!(stdout(&plain).contains("**质量基础设施**"));
}

#[test]
fn regex_matches_a_brute_force_scan() {
    let ix = indexed();
    for pattern in [
        r"到20\d\d年.{0,30}达到",
        r"(?:牵头|负责)）",
        r"\d+(?:\.\d+)?%",
    ] {
        let re = regex::Regex::new(pattern).unwrap();
        let want: BTreeSet<_> = ix
            .clauses
            .iter()
            .filter(|(_, c)| re.is_match(&c.text))
            .map(|(n, c)| (n.clone(), c.id.clone()))
            .collect();
        assert!(!want.is_empty(), "{pattern}");
        let out = search(
            &ix.index,
            &["--json", "--limit", "100000", "--regex", pattern],
        );
        let got: BTreeSet<_> = hits(&out)
            .into_iter()
            .map(|h| (h.document.name, h.clause.id))
            .collect();
        assert_eq!(got, want, "{pattern}");
        let count = search(&ix.index, &["--count", "--regex", pattern]);
        assert_eq!(stdout(&count).trim(), want.len().to_string());
    }
}

#[test]
fn filters_and_chronological_order() {
    let ix = indexed();
    let run_hits = |args: &[&str]| {
        let mut all = vec!["--json", "--limit", "100000"];
        all.extend_from_slice(args);
        hits(&search(&ix.index, &all))
    };
    let all = run_hits(&["质量"]);
    let in_2023 = run_hits(&["质量", "--year", "2023"]);
    assert!(!in_2023.is_empty() && in_2023.len() < all.len());
    assert!(in_2023.iter().all(|h| h.document.year == Some(2023)));
    let range = run_hits(&["质量", "--year", "2018..2020"]);
    assert!(range
        .iter()
        .all(|h| (2018..=2020).contains(&h.document.year.unwrap())));
    assert_eq!(
        range.len(),
        all.iter()
            .filter(|h| (2018..=2020).contains(&h.document.year.unwrap()))
            .count()
    );
    let dongguan = run_hits(&["质量", "--doc", "dongguan"]);
    assert!(!dongguan.is_empty());
    assert!(dongguan
        .iter()
        .all(|h| h.document.name.contains("dongguan")));
    let issuer = run_hits(&["质量", "--issuer", "东莞"]);
    assert_eq!(issuer.len(), dongguan.len());
    let level1 = run_hits(&["质量", "--level", "1"]);
    assert!(level1.iter().all(|h| h.clause.level == 1));
    let lead = run_hits(&["质量", "--agency", "市场监管局", "--role", "lead"]);
    assert!(!lead.is_empty());
    for h in &lead {
        assert!(h.agencies.iter().any(|a| a.role == "lead"
            && [Some(&a.name), a.canonical.as_ref(), a.successor.as_ref()]
                .into_iter()
                .flatten()
                .any(|n| n.contains("市场监管局"))));
    }
    let by_year = run_hits(&["质量", "--sort", "year"]);
    assert_eq!(by_year.len(), all.len());
    let years: Vec<i32> = by_year.iter().map(|h| h.document.year.unwrap()).collect();
    assert!(years.windows(2).all(|w| w[0] <= w[1]), "{years:?}");
    // A filter that matches no document says so and finds nothing.
    let none = search(&ix.index, &["质量", "--doc", "no-such-document"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(stderr(&none).contains("--doc"));
}

#[test]
fn headings_rank_first() {
    let ix = indexed();
    let out = search(&ix.index, &["--json", "--limit", "3", "质量基础设施"]);
    let top = hits(&out);
    assert!(top[0]
        .clause
        .heading
        .as_deref()
        .unwrap()
        .contains("质量基础设施"));
    let scores: Vec<f32> = top.iter().map(|h| h.score.unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn counts_limits_and_exit_codes() {
    let ix = indexed();
    let want = expected(&ix.clauses, "质量");
    let count = search(&ix.index, &["--count", "质量"]);
    assert_eq!(stdout(&count).trim(), want.len().to_string());
    let limited = search(&ix.index, &["--json", "--limit", "3", "质量"]);
    assert_eq!(hits(&limited).len(), 3);
    assert_eq!(search(&ix.index, &["质量"]).status.code(), Some(0));
    assert_eq!(
        search(&ix.index, &["没有这个词组合"]).status.code(),
        Some(1)
    );
    let zero = search(&ix.index, &["--count", "没有这个词组合"]);
    assert_eq!((zero.status.code(), stdout(&zero).trim()), (Some(1), "0"));
}

#[test]
fn the_bundled_corpus_is_searched_when_no_index_was_made() {
    // run() clears the environment: no HOME, no ZHENGCE_INDEX.
    let out = run(&["search", "--json", "--limit", "1000", "质量"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let names: BTreeSet<String> = hits(&out).into_iter().map(|h| h.document.name).collect();
    // Every seed speaks of 质量, and every hit is a document of the corpus.
    assert!(SEEDS.iter().all(|s| names.contains(*s)), "{names:?}");
    let stems: BTreeSet<String> = corpus_files()
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(names.is_subset(&stems), "{names:?}");
    // A named index that does not exist is an error, not a silent fallback.
    let missing = run(&["search", "--index", "/nonexistent/zhengce-index", "质量"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("no index here"),
        "{}",
        stderr(&missing)
    );
}

/// The units the index holds are the document's fields, cut as docs/search.md says, plus
/// `paragraph` units for what no field holds; their ids are unique; every kind but
/// `paragraph` comes straight from `parse --json`.
#[test]
fn units_are_the_documents_fields_cut_into_paragraphs() {
    let ix = indexed();
    for seed in SEEDS {
        let shown = shown_units(&ix.index, seed);
        let mut want = units_of(&parse_json(&seed_path(seed)));
        let mut got: Vec<Unit> = shown
            .iter()
            .filter(|u| u.kind != "paragraph")
            .cloned()
            .collect();
        let key = |u: &Unit| (u.kind.clone(), u.id.clone());
        want.sort_by_key(key);
        got.sort_by_key(key);
        assert_eq!(got, want, "{seed}");
        let ids: BTreeSet<&str> = shown.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids.len(), shown.len(), "{seed}: ids are unique");
        // Each seed has opening text before its first clause (2015's file has no title).
        assert!(
            shown
                .iter()
                .any(|u| u.kind == "notice" || u.kind == "preamble"),
            "{seed}"
        );
    }
}

/// A document's name from the path `search -l` prints.
/// An index, in a temporary folder, of copies of one document named `NAME.txt`.
fn index_of_copies(document: &Path, names: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    for name in names {
        std::fs::copy(document, docs.join(format!("{name}.txt"))).unwrap();
    }
    let index = dir.path().join("index");
    let out = run(&[
        "index",
        "--index",
        index.to_str().unwrap(),
        docs.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    (dir, index)
}

fn stem(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

/// A hit of `search --json`, read loosely for the fields this file adds.
fn hit_values(out: &std::process::Output) -> Vec<serde_json::Value> {
    messages(out)
        .into_iter()
        .filter(|m| !matches!(m.kind.as_str(), "begin" | "end" | "error"))
        .map(|m| m.data)
        .collect()
}

#[test]
fn hits_say_their_kind_and_kind_filters_them() {
    let ix = indexed();
    // Every unit of a seed that is not a clause is found by a piece of its own text, and the
    // hit says its kind (and, for excluded text, why it was set apart).
    let mut checked = 0;
    for (name, unit) in ix.clauses.iter().filter(|(_, u)| u.kind != "clause") {
        let form: String = normalize(&unit.searched).into_iter().take(8).collect();
        if form.is_ascii() || form.contains(['"', ' ']) || form.starts_with('-') {
            continue;
        }
        let out = search(&ix.index, &["--json", "--limit", "100000", &form]);
        let hits = hit_values(&out);
        let hit = hits
            .iter()
            .find(|h| {
                h["document"]["name"] == name.as_str() && h["clause"]["id"] == unit.id.as_str()
            })
            .unwrap_or_else(|| panic!("{name} {} not found by {form}", unit.id));
        assert_eq!(hit["clause"]["kind"], unit.kind.as_str());
        assert_eq!(hit["clause"]["reason"].is_null(), unit.kind != "excluded");
        checked += 1;
    }
    assert!(checked >= 12, "only {checked} units checked");
    // --kind keeps to the kinds named.
    let all = hit_values(&search(
        &ix.index,
        &["--json", "--limit", "100000", "广东省"],
    ));
    let some = hit_values(&search(
        &ix.index,
        &[
            "--json",
            "--limit",
            "100000",
            "--kind",
            "title,notice",
            "广东省",
        ],
    ));
    assert!(!some.is_empty() && some.len() < all.len());
    assert!(some
        .iter()
        .all(|h| ["title", "notice"].contains(&h["clause"]["kind"].as_str().unwrap())));
    assert_eq!(
        some.len(),
        all.iter()
            .filter(|h| ["title", "notice"].contains(&h["clause"]["kind"].as_str().unwrap()))
            .count()
    );
}

#[test]
fn files_with_matches_counts_per_document_and_the_list_of_files() {
    let ix = indexed();
    let want = expected(&ix.clauses, "质量");
    let mut per_doc: std::collections::BTreeMap<String, usize> = Default::default();
    for (name, _) in &want {
        *per_doc.entry(name.clone()).or_default() += 1;
    }
    // -l: one path per document, every one (no --limit).
    let out = search(&ix.index, &["-l", "--limit", "1", "质量"]);
    assert_eq!(out.status.code(), Some(0));
    let listed: BTreeSet<String> = stdout(&out).lines().map(stem).collect();
    assert_eq!(stdout(&out).lines().count(), listed.len(), "each once");
    assert_eq!(listed, per_doc.keys().cloned().collect());
    // -l -c: path, tab, count.
    let out = search(&ix.index, &["-l", "-c", "质量"]);
    let counted: std::collections::BTreeMap<String, usize> = stdout(&out)
        .lines()
        .map(|l| {
            let (path, n) = l.rsplit_once('\t').unwrap();
            (stem(path), n.parse().unwrap())
        })
        .collect();
    assert_eq!(counted, per_doc);
    // The same through --regex, whose candidates are checked one by one rather than
    // counted in the index.
    let out = search(&ix.index, &["-l", "-c", "--regex", "质量"]);
    let by_regex: std::collections::BTreeMap<String, usize> = stdout(&out)
        .lines()
        .map(|l| {
            let (path, n) = l.rsplit_once('\t').unwrap();
            (stem(path), n.parse().unwrap())
        })
        .collect();
    assert_eq!(by_regex, per_doc);
    // -l --json: the document, its count and its counts by kind.
    let rows = hit_values(&search(&ix.index, &["-l", "--json", "质量"]));
    assert_eq!(rows.len(), per_doc.len());
    for row in &rows {
        let name = row["document"]["name"].as_str().unwrap();
        assert_eq!(row["count"], per_doc[name]);
        let by_kind: u64 = row["kinds"]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_u64().unwrap())
            .sum();
        assert_eq!(by_kind as usize, per_doc[name]);
    }
    // No match: nothing printed, exit 1.
    let none = search(&ix.index, &["-l", "没有这个词组合"]);
    assert_eq!((none.status.code(), stdout(&none).as_str()), (Some(1), ""));
    // --files: every indexed document once, with its number of units.
    let out = search(&ix.index, &["--files", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let files = hit_values(&out);
    assert_eq!(files.len(), corpus_files().len() + 1);
    for f in &files {
        let name = f["document"]["name"].as_str().unwrap();
        let units = ix.clauses.iter().filter(|(n, _)| n == name).count();
        assert_eq!(f["units"], units, "{name}");
    }
    let plain = stdout(&search(&ix.index, &["--files", "--doc", "dongguan"]));
    assert_eq!(plain.lines().count(), 1, "{plain}");
    assert!(plain.starts_with("2018-dongguan") || plain.contains("dongguan"));
    // A query with --files is refused.
    assert_eq!(
        search(&ix.index, &["--files", "质量"]).status.code(),
        Some(2)
    );
}

#[test]
fn dedupe_groups_identical_texts_across_documents() {
    // The same seed under three names: every unit text occurs three times.
    let (_dir, index) = index_of_copies(&seed_path(SEEDS[2]), &["a", "b", "c"]);
    let units = units_of(&parse_json(&seed_path(SEEDS[2])));
    let with: Vec<&Unit> = units
        .iter()
        .filter(|u| contains(&normalize(&u.searched), &normalize("质量")))
        .collect();
    let distinct: BTreeSet<Vec<char>> = with.iter().map(|u| normalize(&u.text)).collect();
    let plain = hit_values(&search(&index, &["--json", "--limit", "100000", "质量"]));
    assert_eq!(plain.len(), 3 * with.len());
    let grouped = hit_values(&search(
        &index,
        &["--json", "--dedupe", "--limit", "100000", "质量"],
    ));
    assert_eq!(grouped.len(), distinct.len());
    for g in &grouped {
        let d = &g["duplicates"];
        let same = with
            .iter()
            .filter(|u| normalize(&u.text) == normalize(g["text"].as_str().unwrap()))
            .count();
        assert_eq!(d["count"], 3 * same);
        assert_eq!(d["documents"], 3);
        let names: BTreeSet<&str> = d["units"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["document"].as_str().unwrap())
            .collect();
        assert_eq!(names, BTreeSet::from(["a", "b", "c"]));
    }
    let count = search(&index, &["--dedupe", "--count", "质量"]);
    assert_eq!(stdout(&count).trim(), distinct.len().to_string());
    let human = stdout(&search(&index, &["--dedupe", "--color", "never", "质量"]));
    assert!(human.contains("×3 in: "), "{human}");
}

/// The 55 State Council pages of fixtures/govcn, 10 of them with no numbered clause.
fn govcn_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures_dir().join("govcn"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// Search over the 55 State Council documents finds a document exactly when a scan of its
/// file finds the query: every line of it is in some unit. A phrase broken across two
/// lines is found by search (it joins wrapped lines) and not by a line scan (like `rg -l`),
/// so for random strings search may find more than the line scan, never more than a scan
/// of the file with its line breaks dropped.
#[test]
fn every_govcn_document_is_found_as_a_scan_of_its_file_finds_it() {
    let files = govcn_files();
    assert_eq!(files.len(), 55);
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let mut args = vec!["index", "--index", index.to_str().unwrap()];
    args.extend(files.iter().map(|p| p.to_str().unwrap()));
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    struct File {
        name: String,
        lines: Vec<Vec<char>>,
        joined: Vec<char>,
    }
    let texts: Vec<File> = files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            let lines: Vec<Vec<char>> = text.lines().map(normalize).collect();
            File {
                name: p.file_stem().unwrap().to_string_lossy().into_owned(),
                joined: lines.concat(),
                lines,
            }
        })
        .collect();
    let scan = |q: &str| -> (BTreeSet<String>, BTreeSet<String>) {
        let q = normalize(q);
        let by_line = texts
            .iter()
            .filter(|f| f.lines.iter().any(|l| contains(l, &q)))
            .map(|f| f.name.clone())
            .collect();
        let joined = texts
            .iter()
            .filter(|f| contains(&f.joined, &q))
            .map(|f| f.name.clone())
            .collect();
        (by_line, joined)
    };
    let documents = |q: &str| -> BTreeSet<String> {
        let out = search(&index, &["-l", q]);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{q}: {}",
            stderr(&out)
        );
        stdout(&out).lines().map(stem).collect()
    };

    // The words of the issue: every document names 国务院; 6 are 答复, 8 mention 批复.
    for (q, n) in [("国务院", 55), ("答复", 6), ("批复", 8)] {
        let (by_line, joined) = scan(q);
        assert_eq!(by_line, joined, "{q} is never broken across lines here");
        assert_eq!(by_line.len(), n, "{q} per the files");
        assert_eq!(documents(q), by_line, "{q}");
    }
    // Random strings of 2 to 12 chars from random lines of the files.
    let mut rng = Rng(0x6042_0C11);
    let mut queries = 0;
    while queries < 150 {
        let f = &texts[rng.below(texts.len())];
        let line = &f.lines[rng.below(f.lines.len())];
        if line.len() < 2 {
            continue;
        }
        let len = 2 + rng.below(11.min(line.len() - 1));
        let start = rng.below(line.len() - len + 1);
        let q: String = line[start..start + len].iter().collect();
        if q.is_ascii() || q.contains([' ', '"']) || q.starts_with('-') || q == "OR" {
            continue;
        }
        let (by_line, joined) = scan(&q);
        let found = documents(&q);
        assert!(
            found.contains(&f.name),
            "{q:?} from {} is not found there",
            f.name
        );
        assert!(
            by_line.is_subset(&found),
            "{q:?}: scan {by_line:?}, search {found:?}"
        );
        assert!(
            found.is_subset(&joined),
            "{q:?}: search {found:?}, scan {joined:?}"
        );
        queries += 1;
    }
    // Every paragraph of every cover notice and preamble is found as what it is.
    let mut paragraphs = 0;
    for (path, file) in files.iter().zip(&texts) {
        for unit in units_of(&parse_json(path))
            .iter()
            .filter(|u| u.kind == "notice" || u.kind == "preamble")
        {
            let form = normalize(&unit.searched);
            let q: String = form.iter().take(12).collect();
            if q.is_ascii() || q.contains([' ', '"']) || q.starts_with('-') {
                continue;
            }
            let out = search(
                &index,
                &["--json", "--limit", "100000", "--doc", &file.name, &q],
            );
            let hit = hit_values(&out).into_iter().find(|h| {
                h["document"]["name"] == file.name.as_str() && h["clause"]["id"] == unit.id.as_str()
            });
            let hit = hit.unwrap_or_else(|| panic!("{} {} not found by {q}", file.name, unit.id));
            assert_eq!(hit["clause"]["kind"], unit.kind.as_str());
            paragraphs += 1;
        }
    }
    assert!(
        paragraphs >= 55,
        "only {paragraphs} notice/preamble paragraphs"
    );
}

/// Units of equal score rank by year, document and position, however many are asked for:
/// the first k hits of any `--limit` are the first k of the whole ranking. Twelve copies
/// of one plan make every unit's score tie with eleven others.
#[test]
fn equal_scores_rank_the_same_at_any_limit() {
    let names: Vec<String> = (0..12).map(|k| format!("copy-{k:02}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let plan = corpus_dir().join("2018-guangdong-certification-tqm-plan.txt");
    let (_dir, index) = index_of_copies(&plan, &names);
    let ranking = |limit: usize| -> Vec<(String, String, f64)> {
        let out = search(&index, &["--json", "--limit", &limit.to_string(), "认证"]);
        hit_values(&out)
            .iter()
            .map(|h| {
                (
                    h["document"]["name"].as_str().unwrap().to_owned(),
                    h["clause"]["id"].as_str().unwrap().to_owned(),
                    h["score"].as_f64().unwrap(),
                )
            })
            .collect()
    };
    let all = ranking(100_000);
    assert!(all.len() >= 120, "{} hits", all.len());
    assert!(all.windows(2).all(|w| w[0].2 >= w[1].2));
    // Ties everywhere: each unit's eleven copies score as it does, and rank by document,
    // then position, whatever the limit.
    let ties = all.windows(2).filter(|w| w[0].2 == w[1].2).count();
    assert!(ties >= all.len() / 2, "{ties} ties");
    for limit in [1, 5, 11, 12, 13, 30, 61] {
        assert_eq!(ranking(limit), all[..limit], "--limit {limit}");
    }
}
