//! Encoding variants of the seeds parse to exactly the same document as the UTF-8 original:
//! GBK, GB18030, UTF-16LE with BOM, UTF-8 BOM with CRLF, and a forced label.

use crate::common;

use common::{documents, run_in, seed_path, stderr, Document, SEEDS};

/// Everything but `source` and `encoding`, which say where the bytes came from.
fn content(doc: &Document) -> String {
    let value = serde_json::json!({
        "title": doc.title, "document_title": doc.document_title, "doc_number": doc.doc_number,
        "issuer": doc.issuer, "date": doc.date, "status": doc.status,
        "recipients": doc.recipients, "notice": doc.notice, "preamble": doc.preamble,
        "excluded": doc.excluded.iter().map(|e| (e.lines.start, e.lines.end, &e.reason, &e.text, e.span.start, e.span.end)).collect::<Vec<_>>(),
        "warnings": doc.warnings.iter().map(|w| (&w.kind, w.line, &w.message)).collect::<Vec<_>>(),
        "clauses": doc.clauses.iter().map(|c| (&c.id, &c.labels, &c.heading, &c.text, c.lines.start, c.lines.end, c.span.start, c.span.end)).collect::<Vec<_>>(),
    });
    value.to_string()
}

fn parse_bytes(bytes: &[u8], extra: &[&str]) -> Document {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("variant.txt");
    std::fs::write(&path, bytes).unwrap();
    let mut args = vec!["parse", "--json"];
    args.extend_from_slice(extra);
    args.push("variant.txt");
    let output = run_in(dir.path(), &args, None);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    documents(&output).remove(0)
}

fn variants(text: &str) -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let gbk = encoding_rs::GBK.encode(text).0.into_owned();
    let gb18030 = encoding_rs::GB18030.encode(text).0.into_owned();
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let mut bom_crlf = vec![0xEF, 0xBB, 0xBF];
    bom_crlf.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    vec![
        ("gbk", gbk, "gb18030"),
        ("gb18030", gb18030, "gb18030"),
        ("utf-16le-bom", utf16, "bom"),
        ("utf-8-bom-crlf", bom_crlf, "bom"),
    ]
}

#[test]
fn encoding_variants_parse_to_the_same_document() {
    for stem in SEEDS {
        let text = std::fs::read_to_string(seed_path(stem)).unwrap();
        let original = parse_bytes(text.as_bytes(), &[]);
        assert_eq!(original.encoding.rule, "utf8");
        for (name, bytes, rule) in variants(&text) {
            let doc = parse_bytes(&bytes, &[]);
            assert_eq!(doc.encoding.rule, rule, "{stem} as {name}");
            assert_eq!(content(&doc), content(&original), "{stem} as {name}");
        }
    }
}

#[test]
fn gbk_lossless_for_the_seeds() {
    // The seeds must be representable in GBK for the comparison above to mean anything.
    for stem in SEEDS {
        let text = std::fs::read_to_string(seed_path(stem)).unwrap();
        let (_, _, unmappable) = encoding_rs::GBK.encode(&text);
        assert!(!unmappable, "{stem} has characters GBK cannot encode");
    }
}

#[test]
fn crlf_is_reported() {
    let doc = parse_bytes("一、总体要求\r\n（一）强化责任。\r\n".as_bytes(), &[]);
    assert_eq!(doc.encoding.line_ends, "crlf");
    assert_eq!(doc.clauses.len(), 2);
}

#[test]
fn forced_big5_encoding() {
    let text = "一、總體要求\n（一）強化質量責任。\n";
    let (bytes, _, _) = encoding_rs::BIG5.encode(text);
    let doc = parse_bytes(&bytes, &["--encoding", "big5"]);
    assert_eq!(doc.encoding.rule, "forced");
    assert_eq!(doc.encoding.name, "Big5");
    assert_eq!(doc.clauses[1].heading.as_deref(), Some("強化質量責任"));
}

#[test]
fn utf8_cut_mid_character_is_utf8_with_a_warning() {
    let text = std::fs::read_to_string(seed_path("2020-guangdong-quality-province-plan")).unwrap();
    let bytes = text.trim_end().as_bytes();
    let cut = &bytes[..bytes.len() - 2]; // the final ） is three bytes
    let doc = parse_bytes(cut, &[]);
    assert_eq!(doc.encoding.rule, "utf8-truncated");
    assert_eq!(doc.clauses.len(), 31);
    assert!(doc.warnings.iter().any(|w| w.kind == "encoding"));
}

#[test]
fn standard_input() {
    let text = std::fs::read(seed_path("2018-guangdong-certification-tqm-plan")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let output = run_in(dir.path(), &["parse", "--json", "-"], Some(&text));
    assert_eq!(output.status.code(), Some(0));
    let doc = documents(&output).remove(0);
    assert_eq!(doc.source, "<stdin>");
    assert_eq!(doc.clauses.len(), 33);
}
