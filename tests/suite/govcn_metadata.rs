//! Title, 文号, date and issuer of the 55 State Council pages in `fixtures/govcn/`,
//! against the publisher's own record of each (`INDEX.tsv`, the page's metadata block).
//!
//! Each page is read twice: as saved (metadata block first), and with the block blanked
//! out, so the second reading measures what is read from the printed document alone, as
//! for a text copied from a PDF. Both must agree with the record on at least 53 of 55
//! documents per field. Run with `--nocapture` to see the scores and every miss.

use std::path::{Path, PathBuf};

use zhengce::model::{Document, ExcludedReason};

const FIELDS: [&str; 4] = ["title", "doc_number", "date", "issuer"];
const REQUIRED: usize = 53;

struct Row {
    file: String,
    doc_number: String,
    date: String,
    issuer: String,
    title: String,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/govcn")
}

fn rows() -> Vec<Row> {
    std::fs::read_to_string(fixtures().join("INDEX.tsv"))
        .expect("fixtures/govcn/INDEX.tsv")
        .lines()
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            Row {
                file: f[0].to_string(),
                doc_number: f[2].to_string(),
                date: iso(f[3]),
                issuer: f[4].to_string(),
                title: f[5].to_string(),
            }
        })
        .collect()
}

/// 2019年01月27日 → 2019-01-27: the record's way of writing the same date.
fn iso(date: &str) -> String {
    let digits: Vec<u32> = date
        .split(['年', '月', '日'])
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    format!("{:04}-{:02}-{:02}", digits[0], digits[1], digits[2])
}

fn field<'a>(doc: &'a Document, name: &str) -> Option<&'a str> {
    match name {
        "title" => doc.title.as_deref(),
        "doc_number" => doc.doc_number.as_deref(),
        "date" => doc.date.as_deref(),
        "issuer" => doc.issuer.as_deref(),
        _ => unreachable!(),
    }
}

fn expected<'a>(row: &'a Row, name: &str) -> &'a str {
    match name {
        "title" => &row.title,
        "doc_number" => &row.doc_number,
        "date" => &row.date,
        "issuer" => &row.issuer,
        _ => unreachable!(),
    }
}

fn parse(text: &str, name: &str) -> Document {
    zhengce::parse_bytes(text.as_bytes(), None, name).expect("parses")
}

/// The text with the lines the parser read as the publisher's record made blank.
fn without_record(text: &str, doc: &Document) -> String {
    let mut lines: Vec<&str> = text.split('\n').collect();
    for e in doc
        .excluded
        .iter()
        .filter(|e| e.reason == ExcludedReason::Metadata)
    {
        for line in &mut lines[e.lines.start - 1..e.lines.end] {
            *line = "";
        }
    }
    lines.join("\n")
}

/// Scores one reading; returns the count of agreements per field and the misses.
fn score(docs: &[(Row, Document)]) -> ([usize; 4], Vec<String>) {
    let mut agree = [0; 4];
    let mut misses = Vec::new();
    for (row, doc) in docs {
        for (i, name) in FIELDS.iter().enumerate() {
            let got = field(doc, name);
            if got == Some(expected(row, name)) {
                agree[i] += 1;
            } else {
                misses.push(format!(
                    "{} {name}: got {got:?}, record {:?}",
                    row.file,
                    expected(row, name)
                ));
            }
        }
    }
    (agree, misses)
}

#[test]
fn metadata_agrees_with_the_publishers_record() {
    let mut as_saved = Vec::new();
    let mut printed_only = Vec::new();
    for row in rows() {
        let name = format!("{}.txt", row.file);
        let text = std::fs::read_to_string(fixtures().join(&name)).unwrap();
        let doc = parse(&text, &name);
        // The block is the publisher's, not the document's: never in its text.
        let body_text: Vec<&str> = doc
            .preamble
            .iter()
            .chain(doc.notice.iter())
            .map(String::as_str)
            .chain(doc.clauses.iter().map(|c| c.text.as_str()))
            .collect();
        for text in &body_text {
            assert!(
                !text.contains("索引号") && !text.contains("主题分类"),
                "{name}: the metadata block leaked into the text: {text}"
            );
        }
        for title in doc.title.iter().chain(doc.document_title.iter()) {
            assert!(
                !title.contains("此件") && !title.contains("本文有删减"),
                "{name}: a release note in a title: {title}"
            );
        }
        let stripped = without_record(&text, &doc);
        let printed = parse(&stripped, &name);
        printed_only.push((
            Row {
                file: row.file.clone(),
                doc_number: row.doc_number.clone(),
                date: row.date.clone(),
                issuer: row.issuer.clone(),
                title: row.title.clone(),
            },
            printed,
        ));
        as_saved.push((row, doc));
    }
    assert_eq!(as_saved.len(), 55);
    let mut failed = Vec::new();
    for (reading, docs) in [
        ("as saved", &as_saved),
        ("printed text only", &printed_only),
    ] {
        let (agree, misses) = score(docs);
        println!("{reading}: agreements with INDEX.tsv out of {}", docs.len());
        for (name, n) in FIELDS.iter().zip(agree) {
            println!("  {name:<10} {n}");
            if n < REQUIRED {
                failed.push(format!("{reading}: {name} {n} < {REQUIRED}"));
            }
        }
        for miss in misses {
            println!("  miss: {miss}");
        }
    }
    assert!(failed.is_empty(), "{failed:?}");
}

#[test]
fn printed_date_wins_over_the_record_with_a_warning() {
    // 国办函〔2004〕36号 is signed 二〇〇四年四月二十七日; the page's block says 2004年04月17日.
    let text = std::fs::read_to_string(fixtures().join("024.txt")).unwrap();
    let doc = parse(&text, "024.txt");
    assert_eq!(doc.date.as_deref(), Some("2004-04-27"));
    assert!(doc
        .warnings
        .iter()
        .any(|w| w.message.contains("2004-04-17") && w.message.contains("2004-04-27")));
}

#[test]
fn order_promulgating_a_regulation() {
    // 中华人民共和国国务院令 第707号 promulgates the revised 个人所得税法实施条例.
    let text = std::fs::read_to_string(fixtures().join("033.txt")).unwrap();
    let doc = parse(&text, "033.txt");
    assert_eq!(doc.doc_number.as_deref(), Some("国令第707号"));
    assert_eq!(
        doc.title.as_deref(),
        Some("中华人民共和国个人所得税法实施条例")
    );
    assert_eq!(doc.issuer.as_deref(), Some("国务院"));
    assert_eq!(doc.date.as_deref(), Some("2018-12-18"));
    // Its note: promulgated 1994, revised by decisions in 2005, 2008, 2011, by order in 2018.
    let dates: Vec<&str> = doc.history.iter().map(|h| h.date.as_str()).collect();
    assert_eq!(
        dates,
        [
            "1994-01-28",
            "2005-12-19",
            "2008-02-18",
            "2011-07-19",
            "2018-12-18"
        ]
    );
    assert_eq!(doc.clauses[0].labels, ["第一条"]);
    assert!(doc.preamble.is_none());
}

#[test]
fn notice_and_the_plan_it_issues() {
    // 国发〔2019〕4号: the notice, its signature, （此件公开发布）, then the plan.
    let text = std::fs::read_to_string(fixtures().join("003.txt")).unwrap();
    let doc = parse(&text, "003.txt");
    assert_eq!(
        doc.title.as_deref(),
        Some("国务院关于印发国家职业教育改革实施方案的通知")
    );
    assert_eq!(
        doc.document_title.as_deref(),
        Some("国家职业教育改革实施方案")
    );
    assert_eq!(
        doc.notice.as_deref(),
        Some("现将《国家职业教育改革实施方案》印发给你们，请认真贯彻执行。")
    );
    assert!(doc
        .excluded
        .iter()
        .any(|e| e.reason == ExcludedReason::PublicationNote && e.text == "（此件公开发布）"));
}

#[test]
fn history_and_reasons_as_json() {
    // The JSON names of the contract, read from the real binary's output.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(["parse", "--json"])
        .arg(fixtures().join("033.txt"))
        .env_clear()
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stream: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let doc = &stream.iter().find(|m| m["type"] == "document").unwrap()["data"];
    let first = &doc["history"][0];
    assert_eq!(first["date"], "1994-01-28");
    assert_eq!(first["event"], "promulgated");
    assert_eq!(first["body"], "国务院");
    assert_eq!(first["instrument"], "中华人民共和国国务院令第142号");
    assert_eq!(
        first["text"],
        "1994年1月28日中华人民共和国国务院令第142号发布"
    );
    let last = &doc["history"][4];
    assert_eq!(last["event"], "revised");
    let reasons: Vec<&str> = doc["excluded"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["reason"].as_str().unwrap())
        .collect();
    assert!(reasons.contains(&"metadata"), "{reasons:?}");
    assert!(reasons.contains(&"adoption-note"), "{reasons:?}");
}
